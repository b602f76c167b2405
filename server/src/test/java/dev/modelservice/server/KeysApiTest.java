package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.assertions.AccountKeyRequest;
import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class KeysApiTest {

    private static JsonNode createKey(AdminClient admin, String name) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", name, "bits", 2048));
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void generatedKeyHasItsSha3Id(AdminClient admin) {
        JsonNode key = createKey(admin, "generated-key");

        String publicKey = key.get("public-key").asText();
        assertEquals(AssertionPublicKey.decode(publicKey).id(), key.get("sha3-384").asText());
        assertEquals(2048, key.get("bits").asInt());
        assertEquals("acme", key.get("brand").asText());
        assertFalse(key.get("account-key-known").asBoolean());
        assertTrue(key.get("account-key").isNull(), key.toString());
    }

    @Test
    void keyWithoutBitsIs4096Bits(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "default-size-key"));

        assertEquals(201, reply.status(), reply.body());
        assertEquals(4096, reply.json().get("bits").asInt());
    }

    @Test
    void generatedKeyIsListed(AdminClient admin) {
        String id = createKey(admin, "listed-key").get("sha3-384").asText();

        boolean listed = false;
        for (JsonNode key : admin.get("/v1/keys").json()) {
            listed |= key.get("name").asText().equals("listed-key") && key.get("sha3-384").asText().equals(id);
        }

        assertTrue(listed);
    }

    @Test
    void keyIsFoundByNameOrSha3(AdminClient admin) {
        String id = createKey(admin, "found-key").get("sha3-384").asText();

        assertEquals(id, admin.get("/v1/keys/found-key").json().get("sha3-384").asText());
        assertEquals("found-key", admin.get("/v1/keys/" + id).json().get("name").asText());
    }

    @Test
    void keyCreationIsAudited(AdminClient admin) {
        createKey(admin, "audited-key");

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("create-key", entry.get("action").asText());
        assertEquals("audited-key", entry.get("subject").asText());
        assertEquals("initial-admin", entry.get("token").asText());
    }

    @Test
    void duplicateKeyNameIsConflict(AdminClient admin) {
        createKey(admin, "twice-key");

        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "twice-key", "bits", 2048));

        assertEquals(409, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'twice-key'"), reply.body());
    }

    @Test
    void invalidKeyNameIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "Test_Key", "bits", 2048));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'Test_Key'"), reply.body());
    }

    @Test
    void bitsOutOfRangeIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "small-key", "bits", 1024));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("2048 to 8192"), reply.body());
    }

    @Test
    void unknownKeyIsNotFound(AdminClient admin) {
        assertEquals(404, admin.get("/v1/keys/no-such-key").status());
    }

    @Test
    void unknownBrandIsNotFound(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "orphan-key", "bits", 2048, "brand", "globex"));

        assertEquals(404, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'globex'"), reply.body());
    }

    @Test
    void accountKeyRequestVerifiesWithItsKey(AdminClient admin) throws Exception {
        String id = createKey(admin, "registered-key").get("sha3-384").asText();

        AdminClient.Reply reply = admin.postRaw("/v1/keys/registered-key/account-key-request", "application/json", "{}");
        Assertion request = AssertionDecoder.decode(reply.body().getBytes(StandardCharsets.UTF_8));

        assertEquals(200, reply.status(), reply.body());
        assertEquals("application/x.ubuntu.assertion", reply.header("Content-Type"));
        assertEquals(AssertionType.ACCOUNT_KEY_REQUEST, request.type());
        AssertionVerifier.verifySelfSigned(request);
        assertEquals(id, request.signKeyId());
        assertEquals("acme", request.headerString("account-id"));
        assertEquals("registered-key", request.headerString("name"));
    }

    @Test
    void accountKeyRequestTakesGivenHeaders(AdminClient admin) throws Exception {
        createKey(admin, "renamed-key");

        AdminClient.Reply reply = admin.post("/v1/keys/renamed-key/account-key-request",
                Map.of("name", "serials-2026", "since", "2026-01-01T00:00:00Z"));
        AccountKeyRequest request = AccountKeyRequest.of(
                AssertionDecoder.decode(reply.body().getBytes(StandardCharsets.UTF_8)));

        assertEquals("serials-2026", request.name());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), request.validity().since());
    }

    @Test
    void accountKeyRequestWithoutBodyUsesDefaults(AdminClient admin) throws Exception {
        createKey(admin, "bodiless-key");

        AdminClient.Reply reply = admin.postRaw("/v1/keys/bodiless-key/account-key-request", "application/json", "");

        assertEquals(200, reply.status(), reply.body());
        AssertionVerifier.verifySelfSigned(AssertionDecoder.decode(reply.body().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void requestWithBadSinceIsBadRequest(AdminClient admin) {
        createKey(admin, "badly-dated-key");

        AdminClient.Reply reply = admin.post("/v1/keys/badly-dated-key/account-key-request", Map.of("since", "soon"));

        assertEquals(400, reply.status());
        assertEquals("application/json", reply.header("Content-Type"));
    }

    @Test
    void requestForOtherAccountIsBadRequest(AdminClient admin) {
        admin.post("/v1/keys", Map.of("name", "other-account-key", "bits", 2048));

        AdminClient.Reply reply = admin.post("/v1/keys/other-account-key/account-key-request",
                Map.of("account-id", "initech"));

        assertEquals(400, reply.status(), reply.body());
        assertTrue(reply.json().get("message").asText().contains("'initech' is not the brand"), reply.body());
    }

    @Test
    void accountKeyRequestIsAudited(AdminClient admin) {
        createKey(admin, "request-audited-key");
        admin.postRaw("/v1/keys/request-audited-key/account-key-request", "application/json", "{}");

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("sign-account-key-request", entry.get("action").asText());
        assertEquals("request-audited-key", entry.get("subject").asText());
    }
}

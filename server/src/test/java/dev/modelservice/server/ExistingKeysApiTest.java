package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Key pairs that another tool, GnuTLS's p11tool here, created in the token, recorded as signing keys. */
@ExtendWith({RunningService.class, HsmResolver.class})
class ExistingKeysApiTest {

    /** Creates an RSA-2048 key pair with p11tool and returns its entry in the HSM key list. */
    private static JsonNode keyPairFromOtherTool(AdminClient admin, SoftHsm hsm, String label) throws Exception {
        hsm.p11tool("--generate-privkey=rsa", "--bits=2048", "--label=" + label, hsm.tokenUri());
        for (JsonNode key : admin.get("/v1/hsm-keys").json()) {
            if (key.get("label").asText().equals(label)) {
                return key;
            }
        }
        throw new AssertionError("p11tool's key pair " + label + " is not in " + admin.get("/v1/hsm-keys").body());
    }

    @Test
    void unrecordedKeyPairIsListed(AdminClient admin, SoftHsm hsm) throws Exception {
        JsonNode key = keyPairFromOtherTool(admin, hsm, "listed-tool-key");

        assertEquals(2048, key.get("bits").asInt());
        assertTrue(key.get("signing-key").isNull(), key.toString());
    }

    @Test
    void existingKeyPairIsRecorded(AdminClient admin, SoftHsm hsm) throws Exception {
        JsonNode key = keyPairFromOtherTool(admin, hsm, "adopted-tool-key");

        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "adopted", "existing",
                key.get("handle").asText()));

        assertEquals(201, reply.status(), reply.body());
        assertEquals(key.get("sha3-384").asText(), reply.json().get("sha3-384").asText());
    }

    @Test
    void recordedKeyPairNamesSigningKey(AdminClient admin, SoftHsm hsm) throws Exception {
        JsonNode key = keyPairFromOtherTool(admin, hsm, "named-tool-key");
        admin.post("/v1/keys", Map.of("name", "named-adopted", "existing", key.get("handle").asText()));

        JsonNode listed = keyPairFromList(admin, key.get("handle").asText());

        assertEquals("named-adopted", listed.get("signing-key").asText());
    }

    @Test
    void recordedKeyPairSignsAccountKeyRequest(AdminClient admin, SoftHsm hsm) throws Exception {
        JsonNode key = keyPairFromOtherTool(admin, hsm, "requesting-tool-key");
        admin.post("/v1/keys", Map.of("name", "requesting-adopted", "existing", key.get("handle").asText()));

        AdminClient.Reply reply = admin.postRaw("/v1/keys/requesting-adopted/account-key-request", "application/json",
                "{}");

        assertEquals(200, reply.status(), reply.body());
        assertTrue(reply.body().contains("public-key-sha3-384: " + key.get("sha3-384").asText()), reply.body());
    }

    @Test
    void sameKeyPairTwiceIsConflict(AdminClient admin, SoftHsm hsm) throws Exception {
        JsonNode key = keyPairFromOtherTool(admin, hsm, "twice-tool-key");
        admin.post("/v1/keys", Map.of("name", "twice-first", "existing", key.get("handle").asText()));

        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "twice-second", "existing",
                key.get("handle").asText()));

        assertEquals(409, reply.status(), reply.body());
    }

    @Test
    void unknownHandleIsNotFound(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "ghost", "existing", "00112233"));

        assertEquals(404, reply.status(), reply.body());
    }

    @Test
    void bitsWithExistingIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", "both", "existing", "00112233", "bits", 2048));

        assertEquals(400, reply.status(), reply.body());
    }

    private static JsonNode keyPairFromList(AdminClient admin, String handle) {
        for (JsonNode key : admin.get("/v1/hsm-keys").json()) {
            if (key.get("handle").asText().equals(handle)) {
                return key;
            }
        }
        throw new AssertionError(handle + " not in " + admin.get("/v1/hsm-keys").body());
    }
}

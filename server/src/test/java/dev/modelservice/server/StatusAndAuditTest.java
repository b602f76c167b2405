package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class StatusAndAuditTest {

    @Test
    void statusShowsBrandAndHealth(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/v1/status");
        JsonNode status = reply.json();

        assertEquals(200, reply.status());
        assertEquals("acme", status.get("brands").get(0).get("account-id").asText());
        assertEquals("pkcs11", status.get("signer").get("provider").asText());
        assertTrue(status.get("signer").get("healthy").asBoolean(), status.toString());
        assertTrue(status.get("database").get("healthy").asBoolean(), status.toString());
        assertTrue(status.get("counts").get("admin-tokens").asLong() >= 1, status.toString());
    }

    @Test
    void statusNamesTheToken(AdminClient admin) {
        String description = admin.get("/v1/status").json().get("signer").get("description").asText();

        assertTrue(description.contains(TestHsm.TOKEN_LABEL), description);
    }

    @Test
    void tokenCreationIsAudited(AdminClient admin) {
        admin.post("/v1/tokens", Map.of("name", "audited-token"));

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("create-token", entry.get("action").asText());
        assertEquals("audited-token", entry.get("subject").asText());
        assertEquals("initial-admin", entry.get("token").asText());
    }

    @Test
    void auditEntryNamesTheTokenThatMadeIt(AdminClient admin) {
        String secret = admin.post("/v1/tokens", Map.of("name", "second-admin")).json().get("token").asText();
        admin.withToken(secret).post("/v1/tokens", Map.of("name", "made-by-second"));

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("made-by-second", entry.get("subject").asText());
        assertEquals("second-admin", entry.get("token").asText());
    }

    @Test
    void duplicateTokenNameIsConflict(AdminClient admin) {
        admin.post("/v1/tokens", Map.of("name", "twice"));

        AdminClient.Reply reply = admin.post("/v1/tokens", Map.of("name", "twice"));

        assertEquals(409, reply.status());
        assertEquals("conflict", reply.json().get("code").asText());
    }

    @Test
    void revokingUnknownTokenIsNotFound(AdminClient admin) {
        assertEquals(404, admin.delete("/v1/tokens/never-issued").status());
    }

    @Test
    void tokenListShowsRevocation(AdminClient admin) {
        admin.post("/v1/tokens", Map.of("name", "listed-revoked"));
        admin.delete("/v1/tokens/listed-revoked");

        JsonNode listed = find(admin.get("/v1/tokens").json(), "listed-revoked");

        assertTrue(listed.get("revoked").isTextual(), listed.toString());
    }

    @Test
    void auditLimitOutOfRangeIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/v1/audit-log?limit=0");

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("1 to 1000"), reply.body());
    }

    @Test
    void auditSinceMustBeRfc3339(AdminClient admin) {
        assertEquals(400, admin.get("/v1/audit-log?since=yesterday").status());
    }

    @Test
    void unknownFieldIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/tokens", Map.of("name", "x1", "nmae", "x2"));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("\"nmae\""), reply.body());
    }

    @Test
    void malformedJsonIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.postRaw("/v1/tokens", "application/json", "{\"name\": ");

        assertEquals(400, reply.status());
        assertEquals("bad-request", reply.json().get("code").asText());
    }

    @Test
    void brandsListTheInitialBrand(AdminClient admin) {
        JsonNode brand = admin.get("/v1/brands").json().get(0);

        assertEquals("acme", brand.get("account-id").asText());
        assertEquals("Acme Corp", brand.get("display-name").asText());
    }

    @Test
    void invalidBrandIdIsBadRequest(AdminClient admin) {
        assertEquals(400, admin.post("/v1/brands", Map.of("account-id", "Not_Valid")).status());
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode element : array) {
            if (element.get("name").asText().equals(name)) {
                return element;
            }
        }
        throw new AssertionError(name + " not in " + array);
    }
}

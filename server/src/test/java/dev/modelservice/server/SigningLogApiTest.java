package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.store.NewSigningLogEntry;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The signing log over the API. The device API that fills the log comes later, so the
 * entries are recorded through the service's store as the device API will record them.
 */
@ExtendWith(RunningService.class)
class SigningLogApiTest {
    private static final String SIGNING_KEY_ID = "S".repeat(64);

    @BeforeAll
    static void createModel(AdminClient admin) {
        admin.post("/v1/models", Map.of("name", "logged-model"));
    }

    private static SigningLogEntry record(ModelService service, String serial, String deviceKeyId) {
        Store store = service.store();
        String requestId = store.nonces().issue(Duration.ofMinutes(5)).value();
        return store.signingLog().record(requestId, new NewSigningLogEntry("acme", "logged-model", serial, 0,
                deviceKeyId, SIGNING_KEY_ID, Instant.now(), "127.0.0.1", "type: serial\n(test text)"));
    }

    @Test
    void entryIsListedAndShown(AdminClient admin, ModelService service) {
        SigningLogEntry entry = record(service, "listed-serial", "A".repeat(64));

        JsonNode listed = admin.get("/v1/signing-log?model=logged-model&serial=listed-serial").json();
        JsonNode shown = admin.get("/v1/signing-log/" + entry.id()).json();

        assertEquals(1, listed.size());
        assertEquals(entry.id(), listed.get(0).get("id").asLong());
        assertEquals("A".repeat(64), listed.get(0).get("device-key-sha3-384").asText());
        assertEquals("type: serial\n(test text)", shown.get("serial-assertion").asText());
    }

    @Test
    void limitCapsTheList(AdminClient admin, ModelService service) {
        record(service, "capped-1", "B".repeat(64));
        record(service, "capped-2", "C".repeat(64));

        assertEquals(1, admin.get("/v1/signing-log?limit=1").json().size());
    }

    @Test
    void deletedEntryIsGoneAndAudited(AdminClient admin, ModelService service) {
        SigningLogEntry entry = record(service, "deleted-serial", "D".repeat(64));

        assertEquals(204, admin.delete("/v1/signing-log/" + entry.id()).status());

        assertEquals(404, admin.get("/v1/signing-log/" + entry.id()).status());
        JsonNode audit = admin.get("/v1/audit-log?limit=1").json().get(0);
        assertEquals("delete-signing-log-entry", audit.get("action").asText());
        assertEquals(Long.toString(entry.id()), audit.get("subject").asText());
    }

    @Test
    void unknownEntryIsNotFound(AdminClient admin) {
        assertEquals(404, admin.delete("/v1/signing-log/987654321").status());
    }

    @Test
    void nonNumericIdIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/v1/signing-log/first");

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'first'"), reply.body());
    }

    @Test
    void badSinceIsBadRequest(AdminClient admin) {
        assertEquals(400, admin.get("/v1/signing-log?since=2026-13-01").status());
    }
}

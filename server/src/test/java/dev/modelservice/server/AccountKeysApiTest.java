package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.assertions.AssertionPublicKey;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class AccountKeysApiTest {
    private static final String ASSERTION = "application/x.ubuntu.assertion";

    private static StoreKeys store;

    @BeforeAll
    static void generateStoreKey() throws Exception {
        store = StoreKeys.generate();
    }

    private static AssertionPublicKey createKey(AdminClient admin, String name) {
        AdminClient.Reply reply = admin.post("/v1/keys", Map.of("name", name, "bits", 2048));
        assertEquals(201, reply.status(), reply.body());
        return AssertionPublicKey.decode(reply.json().get("public-key").asText());
    }

    private static JsonNode importOne(AdminClient admin, String assertion) {
        AdminClient.Reply reply = admin.postRaw("/v1/account-keys", ASSERTION, assertion);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("results").get(0);
    }

    @Test
    void accountKeyOfHeldKeyIsImported(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "imported-key");

        JsonNode result = importOne(admin, store.accountKey("acme", "imported-key", key, Map.of()));

        assertEquals("imported", result.get("outcome").asText(), result.toString());
        assertEquals(key.id(), result.get("public-key-sha3-384").asText());
        assertTrue(admin.get("/v1/keys/imported-key").json().get("account-key-known").asBoolean());
    }

    @Test
    void accountKeyListNamesSigningKey(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "listed-account-key");
        importOne(admin, store.accountKey("acme", "serials", key, Map.of()));

        JsonNode listed = find(admin.get("/v1/account-keys").json(), key.id());

        assertEquals("listed-account-key", listed.get("signing-key").asText());
        assertEquals("serials", listed.get("name").asText());
        assertEquals("2026-01-01T00:00:00Z", listed.get("since").asText());
    }

    @Test
    void sameAccountKeyAgainIsUnchanged(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "reimported-key");
        String assertion = store.accountKey("acme", "reimported-key", key, Map.of());
        importOne(admin, assertion);

        assertEquals("unchanged", importOne(admin, assertion).get("outcome").asText());
    }

    @Test
    void olderRevisionIsRejected(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "revised-key");
        importOne(admin, store.accountKey("acme", "revised-key", key, Map.of("revision", "2")));

        JsonNode result = importOne(admin, store.accountKey("acme", "revised-key", key, Map.of("revision", "1")));

        assertEquals("rejected", result.get("outcome").asText());
    }

    @Test
    void deletedAccountKeyLetsOlderRevisionIn(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "replaced-key");
        importOne(admin, store.accountKey("acme", "replaced-key", key, Map.of("revision", "5")));

        AdminClient.Reply deleted = admin.delete("/v1/account-keys/" + key.id());
        JsonNode result = importOne(admin, store.accountKey("acme", "replaced-key", key, Map.of()));

        assertEquals(204, deleted.status(), deleted.body());
        assertEquals("imported", result.get("outcome").asText(), result.toString());
    }

    @Test
    void deletedAccountKeyIsNoLongerKnown(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "forgotten-key");
        importOne(admin, store.accountKey("acme", "forgotten-key", key, Map.of()));

        admin.delete("/v1/account-keys/" + key.id());

        assertEquals(false, admin.get("/v1/keys/forgotten-key").json().get("account-key-known").asBoolean());
    }

    @Test
    void deletingUnknownAccountKeyIsNotFound(AdminClient admin) {
        assertEquals(404, admin.delete("/v1/account-keys/" + "A".repeat(64)).status());
    }

    @Test
    void brandKeyNotHeldIsImported(AdminClient admin) throws Exception {
        AssertionPublicKey modelsKey = StoreKeys.otherKey();

        JsonNode result = importOne(admin, store.accountKey("acme", "models", modelsKey, Map.of()));

        assertEquals("imported", result.get("outcome").asText(), result.toString());
        assertTrue(find(admin.get("/v1/account-keys").json(), modelsKey.id()).get("signing-key").isNull());
    }

    @Test
    void keyOfUnservedAccountIsRejected(AdminClient admin) throws Exception {
        JsonNode result = importOne(admin, store.accountKey("globex", "models", StoreKeys.otherKey(), Map.of()));

        assertEquals("rejected", result.get("outcome").asText());
        assertTrue(result.get("message").asText().contains("'globex'"), result.toString());
    }

    @Test
    void heldKeyForOtherAccountIsRejected(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "misattributed-key");

        JsonNode result = importOne(admin, store.accountKey("globex", "misattributed-key", key, Map.of()));

        assertEquals("rejected", result.get("outcome").asText());
    }

    @Test
    void expiredAccountKeyIsRejected(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "expired-key");

        JsonNode result = importOne(admin,
                store.accountKey("acme", "expired-key", key, Map.of("until", "2026-02-01T00:00:00Z")));

        assertEquals("rejected", result.get("outcome").asText());
        assertTrue(result.get("message").asText().contains("expired"), result.toString());
    }

    @Test
    void otherAssertionTypeIsRejected(AdminClient admin) {
        createKey(admin, "requested-key");
        String request = admin.postRaw("/v1/keys/requested-key/account-key-request", "application/json", "{}").body();

        JsonNode result = importOne(admin, request);

        assertEquals("rejected", result.get("outcome").asText());
        assertTrue(result.get("message").asText().contains("account-key-request"), result.toString());
    }

    @Test
    void streamGetsOneResultPerAssertion(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "streamed-key");
        // An encoded assertion ends with a newline; one more makes the blank line that snapd's
        // Encoder writes between assertions.
        String stream = store.accountKey("acme", "streamed-key", key, Map.of()) + "\n"
                + store.accountKey("globex", "models", StoreKeys.otherKey(), Map.of());

        AdminClient.Reply reply = admin.postRaw("/v1/account-keys", ASSERTION, stream);
        JsonNode results = reply.json().get("results");

        assertEquals(200, reply.status(), reply.body());
        assertEquals(2, results.size());
        assertEquals("imported", results.get(0).get("outcome").asText());
        assertEquals("rejected", results.get(1).get("outcome").asText());
    }

    @Test
    void malformedStreamIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.postRaw("/v1/account-keys", ASSERTION, "type: account-key\n\nnot signed");

        assertEquals(400, reply.status());
        assertEquals("bad-request", reply.json().get("code").asText());
    }

    @Test
    void importIsAudited(AdminClient admin) throws Exception {
        AssertionPublicKey key = createKey(admin, "import-audited-key");
        importOne(admin, store.accountKey("acme", "import-audited-key", key, Map.of()));

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("import-account-key", entry.get("action").asText());
        assertEquals(key.id(), entry.get("subject").asText());
    }

    private static JsonNode find(JsonNode accountKeys, String keyId) {
        for (JsonNode accountKey : accountKeys) {
            if (accountKey.get("public-key-sha3-384").asText().equals(keyId)) {
                return accountKey;
            }
        }
        throw new AssertionError(keyId + " not in " + accountKeys);
    }
}

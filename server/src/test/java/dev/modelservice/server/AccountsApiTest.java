package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brands' account assertions, imported through the account-keys endpoint. A service of its
 * own, because each case adds a brand of its own.
 */
@ExtendWith(HsmResolver.class)
class AccountsApiTest {
    private static final String ASSERTION = "application/x.ubuntu.assertion";

    private static ModelService service;
    private static AdminClient admin;
    private static StoreKeys store;

    @BeforeAll
    static void start(SoftHsm hsm, @TempDir Path folder) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        InitResult init = ModelService.init(configuration, "acme", "Acme Corp");
        service = ModelService.create(configuration);
        service.start();
        admin = new AdminClient(service.adminUri(), Files.readString(init.adminTokenFile()).strip());
        store = StoreKeys.generate();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static JsonNode importOne(String assertion) {
        AdminClient.Reply reply = admin.postRaw("/v1/account-keys", ASSERTION, assertion);
        assertEquals(200, reply.status(), reply.body());
        return reply.json().get("results").get(0);
    }

    @Test
    void accountOfServedBrandIsImported() throws Exception {
        createBrand("account-brand");

        JsonNode result = importOne(store.account("account-brand", 0));

        assertEquals("imported", result.get("outcome").asText(), result.toString());
        assertEquals("account-brand", result.get("account-id").asText());
        assertTrue(result.get("public-key-sha3-384").isNull(), result.toString());
    }

    @Test
    void sameAccountAgainIsUnchanged() throws Exception {
        createBrand("unchanged-brand");
        String account = store.account("unchanged-brand", 1);
        importOne(account);

        assertEquals("unchanged", importOne(account).get("outcome").asText());
    }

    @Test
    void olderAccountRevisionIsRejected() throws Exception {
        createBrand("revised-brand");
        importOne(store.account("revised-brand", 3));

        JsonNode result = importOne(store.account("revised-brand", 2));

        assertEquals("rejected", result.get("outcome").asText());
        assertTrue(result.get("message").asText().contains("revision 2, older than the imported revision 3"),
                result.toString());
    }

    @Test
    void accountOfUnservedBrandIsRejected() throws Exception {
        JsonNode result = importOne(store.account("initech", 0));

        assertEquals("rejected", result.get("outcome").asText());
        assertTrue(result.get("message").asText().contains("'initech', which is not a brand this service serves"),
                result.toString());
    }

    @Test
    void accountImportIsAudited() throws Exception {
        createBrand("audited-brand");
        importOne(store.account("audited-brand", 4));

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("import-account", entry.get("action").asText());
        assertEquals("audited-brand", entry.get("subject").asText());
    }

    private static void createBrand(String accountId) {
        AdminClient.Reply reply = admin.post("/v1/brands", Map.of("account-id", accountId));
        assertEquals(201, reply.status(), reply.body());
    }
}

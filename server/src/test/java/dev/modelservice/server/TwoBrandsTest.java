package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A service of its own that serves two brands, so that requests must name the brand. */
@ExtendWith(HsmResolver.class)
class TwoBrandsTest {
    private static ModelService service;
    private static AdminClient admin;

    @BeforeAll
    static void startWithTwoBrands(SoftHsm hsm, @TempDir Path folder) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder).build();
        InitResult init = ModelService.init(configuration, "acme", "Acme Corp");
        service = ModelService.create(configuration);
        service.start();
        admin = new AdminClient(service.adminUri(), Files.readString(init.adminTokenFile()).strip());

        assertEquals(201, admin.post("/v1/brands", Map.of("account-id", "globex", "display-name", "Globex")).status());
        assertEquals(201, admin.post("/v1/keys", Map.of("name", "globex-key", "bits", 2048, "brand", "globex"))
                .status());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void policyWithOtherBrandsKeyIsBadRequest() {
        admin.post("/v1/models?brand=acme", Map.of("brand", "acme", "name", "gateway"));

        AdminClient.Reply reply = admin.post("/v1/models/gateway/serial-policies?brand=acme",
                Map.of("key", "globex-key"));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'globex'"), reply.body());
    }

    @Test
    void modelWithoutBrandIsBadRequest() {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", "unbranded"));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'acme', 'globex'"), reply.body());
    }

    @Test
    void displayNameWithNewlineIsBadRequest() {
        AdminClient.Reply reply = admin.post("/v1/brands", Map.of("account-id", "initech", "display-name",
                "Initech\nFAKE LOG LINE"));

        assertEquals(400, reply.status(), reply.body());
    }

    @Test
    void duplicateBrandIsConflict() {
        assertEquals(409, admin.post("/v1/brands", Map.of("account-id", "globex")).status());
    }

    @Test
    void brandCreationIsAudited() {
        boolean audited = false;
        for (var entry : admin.get("/v1/audit-log").json()) {
            audited |= entry.get("action").asText().equals("create-brand") && entry.get("subject").asText().equals("globex")
                    && entry.get("token").asText().equals("initial-admin");
        }

        assertTrue(audited);
    }
}

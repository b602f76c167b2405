package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RunningService.class)
class ModelsApiTest {
    private static String firstKeyId;
    private static String secondKeyId;

    @BeforeAll
    static void createKeys(AdminClient admin) {
        firstKeyId = admin.post("/v1/keys", Map.of("name", "models-first-key", "bits", 2048))
                .json().get("sha3-384").asText();
        secondKeyId = admin.post("/v1/keys", Map.of("name", "models-second-key", "bits", 2048))
                .json().get("sha3-384").asText();
    }

    private static JsonNode createModel(AdminClient admin, String name) {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", name, "api-key", name + "-apikey"));
        assertEquals(201, reply.status(), reply.body());
        return reply.json();
    }

    @Test
    void createdModelHasGivenApiKey(AdminClient admin) {
        JsonNode model = createModel(admin, "model-a");

        assertEquals("acme", model.get("brand").asText());
        assertEquals("model-a-apikey", model.get("api-key").asText());
        assertFalse(model.get("assigns-serials").asBoolean());
        assertTrue(model.get("serial-policy").isNull(), model.toString());
    }

    @Test
    void modelWithoutApiKeyGetsRandomOne(AdminClient admin) {
        JsonNode model = admin.post("/v1/models", Map.of("name", "keyless-model")).json();

        assertEquals(43, model.get("api-key").asText().length(), model.toString());
    }

    @Test
    void settingsAreKeptAtCreation(AdminClient admin) {
        JsonNode model = admin.post("/v1/models", Map.of("name", "assigning-model", "assigns-serials", true)).json();

        assertTrue(model.get("assigns-serials").asBoolean());
        assertFalse(model.get("allows-serial-revisions").asBoolean());
    }

    @Test
    void duplicateModelIsConflict(AdminClient admin) {
        createModel(admin, "twice-model");

        assertEquals(409, admin.post("/v1/models", Map.of("name", "twice-model")).status());
    }

    @Test
    void duplicateApiKeyIsConflict(AdminClient admin) {
        createModel(admin, "shared-key-model");

        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", "other-model", "api-key",
                "shared-key-model-apikey"));

        assertEquals(409, reply.status());
        assertFalse(reply.body().contains("shared-key-model-apikey"), reply.body());
    }

    @Test
    void invalidModelNameIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", "-gateway"));

        assertEquals(400, reply.status());
        assertTrue(reply.json().get("message").asText().contains("'-gateway'"), reply.body());
    }

    @Test
    void apiKeyWithSpaceIsBadRequest(AdminClient admin) {
        assertEquals(400, admin.post("/v1/models", Map.of("name", "spaced", "api-key", "a b")).status());
    }

    @Test
    void unknownModelIsNotFound(AdminClient admin) {
        AdminClient.Reply reply = admin.get("/v1/models/gw");

        assertEquals(404, reply.status());
        assertEquals("model 'gw' not found for brand 'acme': create it with 'model-admin create model gw'",
                reply.json().get("message").asText());
    }

    @Test
    void modelCreationIsAudited(AdminClient admin) {
        createModel(admin, "audited-model");

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("create-model", entry.get("action").asText());
        assertEquals("acme/audited-model", entry.get("subject").asText());
        assertFalse(entry.toString().contains("audited-model-apikey"), entry.toString());
    }

    @Test
    void settingsUpdateChangesOnlyGivenOnes(AdminClient admin) {
        admin.post("/v1/models", Map.of("name", "updated-model", "assigns-serials", true));

        JsonNode model = admin.put("/v1/models/updated-model/settings", Map.of("allows-serial-revisions", true)).json();

        assertTrue(model.get("assigns-serials").asBoolean());
        assertTrue(model.get("allows-serial-revisions").asBoolean());
    }

    @Test
    void serialFormatIsKept(AdminClient admin) {
        JsonNode model = admin.post("/v1/models", Map.of("name", "formatted-model", "assigns-serials", true,
                "serial-format", "GW-{date}-{hex:16}")).json();

        assertEquals("GW-{date}-{hex:16}", model.get("serial-format").asText());
    }

    @Test
    void defaultSerialFormatIsUuid(AdminClient admin) {
        JsonNode model = createModel(admin, "uuid-model");

        assertEquals("{uuid}", model.get("serial-format").asText());
    }

    @Test
    void emptySerialFormatRestoresUuid(AdminClient admin) {
        admin.post("/v1/models", Map.of("name", "reformatted-model", "serial-format", "X-{hex:20}"));

        JsonNode model = admin.put("/v1/models/reformatted-model/settings", Map.of("serial-format", "")).json();

        assertEquals("{uuid}", model.get("serial-format").asText());
    }

    @Test
    void serialFormatWithoutRandomPartIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", "fixed-model", "serial-format", "GW-{date}"));

        assertEquals(400, reply.status());
        assertEquals("serial format 'GW-{date}' is invalid: it has no random part, so devices would share serials",
                reply.json().get("message").asText());
    }

    @Test
    void unknownPlaceholderIsBadRequest(AdminClient admin) {
        createModel(admin, "placeholder-model");

        AdminClient.Reply reply = admin.put("/v1/models/placeholder-model/settings", Map.of("serial-format",
                "{serial}"));

        assertEquals(400, reply.status());
    }

    @Test
    void stringForBooleanIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", "coerced-model", "assigns-serials", "true"));

        assertEquals(400, reply.status());
        assertEquals("field \"assigns-serials\" of the request body must be true or false",
                reply.json().get("message").asText());
    }

    @Test
    void numberForNameIsBadRequest(AdminClient admin) {
        AdminClient.Reply reply = admin.post("/v1/models", Map.of("name", 42));

        assertEquals(400, reply.status());
        assertEquals("field \"name\" of the request body must be a string", reply.json().get("message").asText());
    }

    @Test
    void wrongMethodNamesAllowedOnes(AdminClient admin) {
        AdminClient.Reply reply = admin.put("/v1/models", Map.of("name", "x"));

        assertEquals(405, reply.status());
        assertEquals("this method is not allowed on this resource; it allows GET, OPTIONS, POST",
                reply.json().get("message").asText());
    }

    @Test
    void malformedJsonIsNotEchoed(AdminClient admin) {
        AdminClient.Reply reply = admin.postRaw("/v1/models", "application/json",
                "{\"name\": \"echo-model\", \"api-key\": secret-api-key}");

        assertEquals(400, reply.status());
        assertFalse(reply.body().contains("secret-api-key"), reply.body());
    }

    @Test
    void arrayBodyIsBadRequestWithoutClassName(AdminClient admin) {
        AdminClient.Reply reply = admin.postRaw("/v1/models", "application/json", "[]");

        assertEquals(400, reply.status());
        assertFalse(reply.body().contains("dev.modelservice"), reply.body());
    }

    @Test
    void settingsOfUnknownModelIsNotFound(AdminClient admin) {
        assertEquals(404, admin.put("/v1/models/absent-model/settings", Map.of("assigns-serials", true)).status());
    }

    @Test
    void deletedModelIsGone(AdminClient admin) {
        createModel(admin, "deleted-model");

        assertEquals(204, admin.delete("/v1/models/deleted-model").status());
        assertEquals(404, admin.get("/v1/models/deleted-model").status());
        assertEquals("delete-model", admin.get("/v1/audit-log?limit=1").json().get(0).get("action").asText());
    }

    @Test
    void deletingUnknownModelIsNotFound(AdminClient admin) {
        assertEquals(404, admin.delete("/v1/models/never-created").status());
    }

    @Test
    void serialPolicyByKeyIdActivatesKey(AdminClient admin) {
        createModel(admin, "policy-model");

        AdminClient.Reply reply = admin.post("/v1/models/policy-model/serial-policies", Map.of("key", firstKeyId));

        assertEquals(201, reply.status(), reply.body());
        assertEquals(1, reply.json().get("revision").asInt());
        JsonNode active = admin.get("/v1/models/policy-model").json().get("serial-policy");
        assertEquals("models-first-key", active.get("key-name").asText());
        assertEquals(firstKeyId, active.get("key-sha3-384").asText());
    }

    @Test
    void newRevisionSwitchesKey(AdminClient admin) {
        createModel(admin, "switched-model");
        admin.post("/v1/models/switched-model/serial-policies", Map.of("key", "models-first-key"));

        admin.post("/v1/models/switched-model/serial-policies", Map.of("key", "models-second-key"));

        JsonNode active = admin.get("/v1/models/switched-model").json().get("serial-policy");
        assertEquals(2, active.get("revision").asInt());
        assertEquals(secondKeyId, active.get("key-sha3-384").asText());
    }

    @Test
    void policiesAreListedNewestFirst(AdminClient admin) {
        createModel(admin, "history-model");
        admin.post("/v1/models/history-model/serial-policies", Map.of("key", "models-first-key"));
        admin.post("/v1/models/history-model/serial-policies", Map.of("key", "models-second-key"));

        JsonNode policies = admin.get("/v1/models/history-model/serial-policies").json();

        assertEquals(2, policies.size());
        assertEquals(2, policies.get(0).get("revision").asInt());
        assertEquals("models-first-key", policies.get(1).get("key-name").asText());
    }

    @Test
    void policyCreationIsAudited(AdminClient admin) {
        createModel(admin, "audited-policy-model");
        admin.post("/v1/models/audited-policy-model/serial-policies", Map.of("key", "models-first-key"));

        JsonNode entry = admin.get("/v1/audit-log?limit=1").json().get(0);

        assertEquals("create-serial-policy", entry.get("action").asText());
        assertEquals("acme/audited-policy-model", entry.get("subject").asText());
    }

    @Test
    void policyWithUnknownKeyIsNotFound(AdminClient admin) {
        createModel(admin, "unkeyed-model");

        assertEquals(404, admin.post("/v1/models/unkeyed-model/serial-policies", Map.of("key", "absent-key")).status());
    }

    @Test
    void policyForUnknownModelIsNotFound(AdminClient admin) {
        assertEquals(404, admin.post("/v1/models/absent-model/serial-policies", Map.of("key", firstKeyId)).status());
    }

    @Test
    void policyWithoutKeyIsBadRequest(AdminClient admin) {
        createModel(admin, "keyless-policy-model");

        assertEquals(400, admin.post("/v1/models/keyless-policy-model/serial-policies", Map.of()).status());
    }

    @Test
    void modelListShowsActiveKey(AdminClient admin) {
        createModel(admin, "listed-model");
        admin.post("/v1/models/listed-model/serial-policies", Map.of("key", "models-second-key"));

        JsonNode listed = null;
        for (JsonNode model : admin.get("/v1/models").json()) {
            if (model.get("name").asText().equals("listed-model")) {
                listed = model;
            }
        }

        assertEquals("models-second-key", listed.get("serial-policy").get("key-name").asText());
    }
}

package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API and the metrics while the p11-kit server in front of the HSM is gone. It
 * kills the JVM's shared token server, so it runs after every other test class.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith({RunningService.class, HsmResolver.class})
class HsmOutageTest {

    @Test
    void unreachableHsmIsUnavailable(AdminClient admin, SoftHsm hsm) throws Exception {
        assertEquals(201, admin.post("/v1/keys", Map.of("name", "outage-key", "bits", 2048)).status());
        hsm.server().kill();
        try {
            AdminClient.Reply reply = admin.postRaw("/v1/keys/outage-key/account-key-request", "application/json", "{}");
            JsonNode status = admin.get("/v1/status").json();
            // The signing call failed one signing connection, the status's health check the other.
            MetricsScrape metrics = MetricsScrape.parse(admin.withToken(null).get("/metrics").body());

            assertEquals(503, reply.status(), reply.body());
            assertEquals("unavailable", reply.json().get("code").asText());
            assertEquals("10", reply.header("Retry-After"));
            assertFalse(status.get("signer").get("healthy").asBoolean(), status.toString());
            assertEquals(0, metrics.value("model_service_hsm_up"), "model_service_hsm_up");
            assertEquals(0, metrics.value("model_service_hsm_connections_up"), "model_service_hsm_connections_up");
        } finally {
            hsm.server().start();
        }
    }
}

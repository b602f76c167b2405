package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service of its own with {@code admin.metrics-require-token = true} and 3 signing
 * connections of 4 sessions each: scrapes need a token, and the pool gauges show those sizes.
 */
@ExtendWith(HsmResolver.class)
class MetricsSettingsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;

    private static ModelService service;
    private static String token;

    @BeforeAll
    static void startService(SoftHsm hsm) throws Exception {
        ServiceConfiguration configuration = TestHsm.configuration(hsm, dataDir)
                .set(ServiceConfiguration.ADMIN_METRICS_REQUIRE_TOKEN, "true")
                .signerSetting("connections", "3")
                .signerSetting("sessions-per-connection", "4")
                .build();
        InitResult init = ModelService.init(configuration, RunningService.BRAND, "Acme Corp");
        token = Files.readString(init.adminTokenFile()).strip();
        service = ModelService.create(configuration);
        service.start();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    private static HttpResponse<String> scrape(String bearerToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.adminUri().resolve("metrics"));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MetricsScrape metrics() throws Exception {
        HttpResponse<String> response = scrape(token);
        assertEquals(200, response.statusCode(), response.body());
        return MetricsScrape.parse(response.body());
    }

    @Test
    void scrapeWithoutTokenIsUnauthorized() throws Exception {
        assertEquals(401, scrape(null).statusCode());
    }

    @Test
    void scrapeWithWrongTokenIsUnauthorized() throws Exception {
        assertEquals(401, scrape("not-a-token-of-this-service").statusCode());
    }

    @Test
    void scrapeWithTokenIsServed() throws Exception {
        assertEquals(200, scrape(token).statusCode());
    }

    @Test
    void connectionsAreConfiguredCount() throws Exception {
        assertEquals(3, metrics().value("model_service_hsm_connections"));
    }

    @Test
    void everyConnectionIsUp() throws Exception {
        assertEquals(3, metrics().value("model_service_hsm_connections_up"));
    }

    @Test
    void sessionsMaxIsConnectionsTimesSessions() throws Exception {
        assertEquals(12, metrics().value("model_service_hsm_sessions_max"));
    }

    @Test
    void idleServiceHasEverySessionIdle() throws Exception {
        assertEquals(12, metrics().value("model_service_hsm_sessions_idle"));
    }

    @Test
    void idleServiceHasNoSessionInUse() throws Exception {
        assertEquals(0, metrics().value("model_service_hsm_sessions_in_use"));
    }
}

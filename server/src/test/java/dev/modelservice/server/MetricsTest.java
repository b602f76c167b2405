package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code GET /metrics} on the admin listener of the JVM's shared service. Before the tests,
 * a device registers. Then a wrong API key, an unknown request-id, an unknown model and an
 * unknown path are each sent once. The tests compare the scrapes before and after.
 */
@ExtendWith(RunningService.class)
class MetricsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String MODEL = "metrics-model";
    private static final String API_KEY = "metrics-test-key";
    private static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0";

    private static MetricsScrape before;
    private static MetricsScrape after;

    @BeforeAll
    static void registerDevice(ModelService service, AdminClient admin) throws Exception {
        assertEquals(201, admin.post("/v1/keys", Map.of("name", "metrics-key", "bits", 2048)).status());
        assertEquals(201, admin.post("/v1/models", Map.of("name", MODEL, "api-key", API_KEY)).status());
        assertEquals(201, admin.post("/v1/models/" + MODEL + "/serial-policies", Map.of("key", "metrics-key"))
                .status());
        URI device = service.deviceUri();
        TestDevice testDevice = TestDevice.generate();
        before = scrape(service);

        HttpResponse<String> signed = postSerial(device, testDevice.serialRequest(RunningService.BRAND, MODEL,
                requestId(device), "metrics-serial-1"));
        assertEquals(200, signed.statusCode(), signed.body());
        assertEquals(401, post(device.resolve("request-id"), Map.of("api-key", "wrong-key"), new byte[0])
                .statusCode());
        assertEquals(400, postSerial(device, testDevice.serialRequest(RunningService.BRAND, MODEL,
                "no-such-request-id", "metrics-serial-2")).statusCode());
        assertEquals(404, postSerial(device, testDevice.serialRequest(RunningService.BRAND, "no-such-model",
                requestId(device), "metrics-serial-3")).statusCode());
        assertEquals(404, post(device.resolve("no-such-path"), Map.of(), new byte[0]).statusCode());

        after = scrape(service);
    }

    private static String requestId(URI device) throws Exception {
        HttpResponse<String> response = post(device.resolve("request-id"), Map.of("api-key", API_KEY), new byte[0]);
        assertEquals(200, response.statusCode(), response.body());
        return AdminClient.JSON.readTree(response.body()).get("request-id").asText();
    }

    private static HttpResponse<String> postSerial(URI device, byte[] serialRequest) throws Exception {
        return post(device.resolve("serial"), Map.of("Content-Type", "application/x.ubuntu.assertion",
                "api-key", API_KEY), serialRequest);
    }

    private static HttpResponse<String> post(URI uri, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ModelService service, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.adminUri().resolve("metrics"));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static MetricsScrape scrape(ModelService service) throws Exception {
        HttpResponse<String> response = get(service, Map.of());
        assertEquals(200, response.statusCode(), response.body());
        return MetricsScrape.parse(response.body());
    }

    private static double increase(String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private static Map<String, String> requests(String endpoint, String status, String code) {
        return Map.of("endpoint", endpoint, "status", status, "code", code);
    }

    @Test
    void scrapeNeedsNoToken(ModelService service) throws Exception {
        assertEquals(200, get(service, Map.of()).statusCode());
    }

    @Test
    void scrapeIsPrometheusText(ModelService service) throws Exception {
        String type = get(service, Map.of()).headers().firstValue("Content-Type").orElse("");

        assertTrue(type.startsWith("text/plain; version=0.0.4"), type);
    }

    @Test
    void scrapeIsOpenMetricsWhenAsked(ModelService service) throws Exception {
        String type = get(service, Map.of("Accept", OPEN_METRICS)).headers().firstValue("Content-Type").orElse("");

        assertTrue(type.startsWith("application/openmetrics-text"), type);
    }

    @Test
    void openMetricsEndsWithEof(ModelService service) throws Exception {
        assertTrue(get(service, Map.of("Accept", OPEN_METRICS)).body().endsWith("# EOF\n"));
    }

    @Test
    void postToMetricsNeedsToken(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.adminUri().resolve("metrics"), Map.of(), new byte[0]);

        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void signedSerialIsCountedForItsModel() {
        assertEquals(1, increase("model_service_serials_signed_total",
                Map.of("brand", RunningService.BRAND, "model", MODEL)));
    }

    @Test
    void signedSerialRequestIsCountedAsOk() {
        assertEquals(1, increase("model_service_device_requests_total", requests("serial", "200", "none")));
    }

    @Test
    void issuedRequestIdsAreCounted() {
        assertEquals(2, increase("model_service_device_requests_total", requests("request-id", "200", "none")));
    }

    @Test
    void wrongApiKeyIsCountedByReason() {
        assertEquals(1, increase("model_service_device_requests_total",
                requests("request-id", "401", "invalid-api-key")));
    }

    @Test
    void unknownRequestIdIsCountedByReason() {
        assertEquals(1, increase("model_service_device_requests_total",
                requests("serial", "400", "invalid-request-id")));
    }

    @Test
    void unknownModelIsCountedByReason() {
        assertEquals(1, increase("model_service_device_requests_total", requests("serial", "404", "unknown-model")));
    }

    @Test
    void unknownPathIsCountedAsUnmatched() {
        assertEquals(1, increase("model_service_device_requests_total", requests("unmatched", "404", "not-found")));
    }

    @Test
    void serialRequestsAreTimed() {
        assertEquals(3, increase("model_service_device_request_duration_seconds_count",
                Map.of("endpoint", "serial")));
    }

    @Test
    void requestLatencyHasThirtySecondBucket() {
        assertEquals(3, increase("model_service_device_request_duration_seconds_bucket",
                Map.of("endpoint", "serial", "le", "30.0")));
    }

    @Test
    void hsmSigningIsTimed() {
        assertEquals(1, increase("model_service_hsm_sign_duration_seconds_count", Map.of("outcome", "ok")));
    }

    @Test
    void hsmSigningTimeIsAdded() {
        assertTrue(increase("model_service_hsm_sign_duration_seconds_sum", Map.of("outcome", "ok")) > 0);
    }

    @Test
    void hsmIsUp() {
        assertEquals(1, after.value("model_service_hsm_up"));
    }

    @Test
    void everySigningConnectionIsUp() {
        assertEquals(2, after.value("model_service_hsm_connections_up"));
    }

    @Test
    void sessionsMaxIsConfiguredTotal() {
        assertEquals(4, after.value("model_service_hsm_sessions_max"));
    }

    @Test
    void jvmMemoryIsReported() {
        assertTrue(after.has("jvm_memory_used_bytes"));
    }

    @Test
    void jvmThreadsAreReported() {
        assertTrue(after.has("jvm_threads_current"));
    }

    @Test
    void jvmGarbageCollectionIsReported() {
        assertTrue(after.has("jvm_gc_collection_seconds_count"));
    }
}

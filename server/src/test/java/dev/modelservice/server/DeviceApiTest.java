package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The device API's responses as snapd reads them: the store-proxy probe, request-ids, and
 * errors of type exactly {@code application/json} with a message. Full registrations by a
 * device built on snapd's code run in the conformance module.
 */
@ExtendWith(RunningService.class)
class DeviceApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API_KEY = "device-api-test-key";

    private static HttpResponse<String> post(URI uri, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        // A client of its own: the service closes a connection after rejecting a body it did not
        // read, and a shared client could reuse that connection for the next POST.
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void createModel(AdminClient admin) {
        admin.post("v1/models", Map.of("name", "device-api-model", "api-key", API_KEY));
    }

    @Test
    void headAnswersStoreVersion(ModelService service) throws Exception {
        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(service.deviceUri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertEquals("7", response.headers().firstValue("Snap-Store-Version").orElse(null));
    }

    @Test
    void healthIsOkWithDatabaseAndHsm(ModelService service) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(service.deviceUri().resolve("health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void requestIdNeedsApiKey(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("request-id"), Map.of(), new byte[0]);

        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void errorHasExactJsonContentType(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("request-id"), Map.of(), new byte[0]);

        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void errorCarriesMessageAndErrorList(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("request-id"), Map.of(), new byte[0]);

        JsonNode body = JSON.readTree(response.body());
        assertTrue(body.get("message").asText().contains("API key"), response.body());
        assertEquals(body.get("message"), body.get("error_list").get(0).get("message"), response.body());
    }

    @Test
    void requestIdForModelApiKey(ModelService service, AdminClient admin) throws Exception {
        createModel(admin);

        HttpResponse<String> response = post(service.deviceUri().resolve("v1/request-id"),
                Map.of("api-key", API_KEY), new byte[0]);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).get("request-id").asText().length() >= 22, response.body());
    }

    @Test
    void serialNeedsAssertionContentType(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("serial"),
                Map.of("Content-Type", "application/json"), "{}".getBytes());

        assertEquals(415, response.statusCode(), response.body());
    }

    @Test
    void serialOverLimitIsRejected(ModelService service) throws Exception {
        long declared = service.configuration().registrationSettings().maxRequestBytes() + 1L;

        // The service responds from the declared length, before any of the body arrives.
        try (Socket socket = new Socket(service.deviceUri().getHost(), service.deviceUri().getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /serial HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/x.ubuntu.assertion\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();

            assertEquals("HTTP/1.1 413 Payload Too Large", statusLine);
        }
    }

    @Test
    void serialThatIsNotAssertionIsRejected(ModelService service, AdminClient admin) throws Exception {
        createModel(admin);

        HttpResponse<String> response = post(service.deviceUri().resolve("api/v1/snaps/auth/devices"),
                Map.of("Content-Type", "application/x.ubuntu.assertion", "api-key", API_KEY),
                "not an assertion\n\n".getBytes());

        assertEquals(400, response.statusCode(), response.body());
    }

    @Test
    void serialWithUnknownApiKeyRejected(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("serial"),
                Map.of("Content-Type", "application/x.ubuntu.assertion", "api-key", "no-such-key"),
                "not an assertion\n\n".getBytes());

        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void httpLevelErrorIsJson(ModelService service) throws Exception {
        // A client of its own: the server closes this connection, which a shared client would reuse.
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                service.deviceUri().resolve("request-id")).header("api-key", "x".repeat(20_000))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(431, response.statusCode(), "status");
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null), "type");
    }

    @Test
    void unknownPathIsJsonNotFound(ModelService service) throws Exception {
        HttpResponse<String> response = post(service.deviceUri().resolve("v2/serial"), Map.of(), new byte[0]);

        assertEquals(404, response.statusCode(), "status");
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(null), "type");
    }
}

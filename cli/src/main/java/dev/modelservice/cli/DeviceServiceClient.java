package dev.modelservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.modelservice.cli.admin.CommandFailedException;
import dev.modelservice.cli.http.ServiceHttp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls a device service as snapd does: {@code POST request-id} and {@code POST serial}
 * below a base URL, with the model's API key in the {@code api-key} header. Every failure
 * becomes a {@link CommandFailedException} that names the call, the HTTP status and the
 * service's message.
 */
final class DeviceServiceClient {
    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";
    /** Long enough for a service that waits for its HSM before it signs a serial. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    static final String USER_AGENT = "model-admin-test-device";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;

    /**
     * @param caFile a PEM file of the CA certificates to trust for an https URL instead of
     *     Java's default ones, or empty
     */
    DeviceServiceClient(URI baseUrl, String apiKey, Optional<Path> caFile) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        // snapd's client would follow a redirect, but a device service that redirects is a
        // deployment fault worth reporting.
        this.http = ServiceHttp.client(caFile);
    }

    /** Checks a device service URL (http or https, with a host) and ends its path with a slash, as snapd expects. */
    static URI baseUrl(String text) {
        return ServiceHttp.baseUrl(text, "--url", "the device API's",
                "http://127.0.0.1:8080/ or https://HOST:8080/v1/");
    }

    /** Requests a request-id. snapd accepts only status 200 with a JSON {@code request-id}. */
    String requestId() {
        HttpResponse<byte[]> response = send(request("request-id").POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 200) {
            throw failure("POST request-id", response);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new CommandFailedException("POST " + baseUrl + "request-id returned a body that is not JSON: "
                    + e.getMessage() + "; is --url the device API's address?", e);
        }
        if (body == null || !body.path("request-id").isTextual() || body.get("request-id").asText().isEmpty()) {
            throw new CommandFailedException("POST " + baseUrl + "request-id returned no \"request-id\" in "
                    + abbreviate(response.body()) + "; is --url the device API's address?");
        }
        return body.get("request-id").asText();
    }

    /**
     * Sends a serial-request stream with the {@code serial-stream} capability, and returns the
     * response body when the status is 200 or 201, the two that snapd takes as a serial.
     */
    byte[] serial(byte[] stream) {
        HttpRequest.Builder request = request("serial")
                .header("Content-Type", ASSERTION_MEDIA_TYPE)
                .header("Snap-Device-Capabilities", "serial-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(stream));
        HttpResponse<byte[]> response = send(request);
        int status = response.statusCode();
        if (status == 202) {
            throw new CommandFailedException("POST " + baseUrl + "serial: HTTP 202, the service accepted the request"
                    + " for later; snapd would poll again in a minute, test-device does not");
        }
        if (status != 200 && status != 201) {
            throw failure("POST serial", response);
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .header("api-key", apiKey);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        String call = request.method() + " " + request.uri();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new CommandFailedException(call + ": cannot connect within "
                    + ServiceHttp.CONNECT_TIMEOUT.toSeconds() + " s; check --url and the network", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailedException(call + ": no response within " + REQUEST_TIMEOUT.toSeconds()
                    + " s; see the Model Service's log", e);
        } catch (ConnectException e) {
            throw new CommandFailedException(call + ": connection refused; check that the device API listens at "
                    + baseUrl, e);
        } catch (IOException e) {
            throw ServiceHttp.failure(call, baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("interrupted while waiting for " + call, e);
        }
    }

    /**
     * Describes an error response as snapd reports it: the JSON {@code message}, else the first
     * {@code error_list[].message}, else the start of the body.
     */
    private CommandFailedException failure(String call, HttpResponse<byte[]> response) {
        String message = serviceMessage(response.body());
        String retryAfter = response.headers().firstValue("Retry-After").map(s -> " (retry after " + s + " s)")
                .orElse("");
        return new CommandFailedException(call + " at " + baseUrl + " failed: HTTP " + response.statusCode() + ": "
                + (message != null ? message : abbreviate(response.body())) + retryAfter);
    }

    private static String serviceMessage(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json == null) {
                return null;
            }
            if (json.path("message").isTextual() && !json.get("message").asText().isEmpty()) {
                return json.get("message").asText();
            }
            JsonNode first = json.path("error_list").path(0).path("message");
            return first.isTextual() ? first.asText() : null;
        } catch (IOException e) {
            // Not JSON, such as a proxy's HTML page: the caller shows the start of the body instead.
            return null;
        }
    }

    private static String abbreviate(byte[] body) {
        if (body.length == 0) {
            return "an empty body";
        }
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return "body '" + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "'";
    }

    @Override
    public String toString() {
        return "DeviceServiceClient[" + baseUrl + "]";
    }
}

package dev.modelservice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.modelservice.cli.admin.CommandFailedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Calls a device service as snapd does: {@code POST request-id} and {@code POST serial}
 * below a base URL, with the model's API key in the {@code api-key} header. Every failure
 * becomes a {@link CommandFailedException} that names the call, the HTTP status and the
 * service's message.
 */
final class DeviceServiceClient {
    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Long enough for a service that waits for its HSM before it signs a serial. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    static final String USER_AGENT = "model-admin-test-device";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String apiKey;
    private final HttpClient http;

    DeviceServiceClient(URI baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect could carry the API key to another host. snapd's client would follow it,
                // but a device service that redirects is a deployment fault worth reporting.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Checks a device service URL (http or https, with a host) and ends its path with a slash, as snapd expects. */
    static URI baseUrl(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new CommandFailedException("invalid --url '" + text + "': " + e.getMessage()
                    + "; give the device API's address, such as http://127.0.0.1:8080/");
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || url.getHost() == null || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new CommandFailedException("invalid --url '" + text + "': give the device API's http or https"
                    + " address without a query, such as http://127.0.0.1:8080/ or http://HOST:8080/v1/");
        }
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(scheme.toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority()
                + (path.endsWith("/") ? path : path + "/"));
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
            throw new CommandFailedException(call + ": cannot connect within " + CONNECT_TIMEOUT.toSeconds()
                    + " s; check --url and the network", e);
        } catch (HttpTimeoutException e) {
            throw new CommandFailedException(call + ": no response within " + REQUEST_TIMEOUT.toSeconds()
                    + " s; see the Model Service's log", e);
        } catch (ConnectException e) {
            throw new CommandFailedException(call + ": connection refused; check that the device API listens at "
                    + baseUrl, e);
        } catch (IOException e) {
            throw new CommandFailedException(call + " failed: " + e, e);
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

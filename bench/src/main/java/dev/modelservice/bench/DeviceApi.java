package dev.modelservice.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * The device API calls, made as snapd makes them: {@code POST request-id} and
 * {@code POST serial} with the model's API key in the {@code api-key} header and the
 * {@code serial-stream} capability. Failures of the service come back as an {@link Outcome}
 * keyed by HTTP status and error code, never as exceptions, so that a phase counts them.
 */
final class DeviceApi {
    static final String ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response, or the outcome that describes why there is none usable. */
    record Reply(byte[] body, Outcome outcome) {
    }

    private final URI baseUrl;
    private final URI requestIdUrl;
    private final URI serialUrl;
    private final HttpTransport http;

    DeviceApi(URI baseUrl, HttpTransport http) {
        this.baseUrl = baseUrl;
        this.requestIdUrl = baseUrl.resolve("request-id");
        this.serialUrl = baseUrl.resolve("serial");
        this.http = http;
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Requests a request-id; a 200 without a {@code request-id} counts as an error. */
    Reply requestId(String apiKey) {
        Reply reply = send(requestIdUrl, Map.of("api-key", apiKey), null, new byte[0]);
        if (!reply.outcome().ok()) {
            return reply;
        }
        String requestId = requestIdOf(reply.body());
        return requestId == null
                ? new Reply(reply.body(), Outcome.error("200 without request-id", abbreviate(reply.body())))
                : reply;
    }

    /** Posts a serial request; only 200 and 201, which snapd takes as a serial, count as success. */
    Reply serial(String apiKey, byte[] stream) {
        return send(serialUrl, Map.of("api-key", apiKey, "Snap-Device-Capabilities", "serial-stream"),
                ASSERTION_MEDIA_TYPE, stream);
    }

    /** Returns the {@code request-id} of a request-id response body, or null when it has none. */
    static String requestIdOf(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode id = json == null ? null : json.get("request-id");
            return id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private Reply send(URI url, Map<String, String> headers, String contentType, byte[] body) {
        HttpTransport.Response response;
        try {
            response = http.post(url, headers, contentType, body);
        } catch (HttpTransport.TimeoutException e) {
            return new Reply(new byte[0], Outcome.error("timeout", e.getMessage()));
        } catch (IOException e) {
            return new Reply(new byte[0], Outcome.error("connection failed", url + ": " + e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(new byte[0], Outcome.error("interrupted", url.toString()));
        }
        int status = response.status();
        if (status == 200 || status == 201) {
            return new Reply(response.body(), Outcome.OK);
        }
        return new Reply(response.body(), errorOutcome(status, response.body()));
    }

    /** Keys an error response by its status and the service's error {@code code}, with its {@code message}. */
    static Outcome errorOutcome(int status, byte[] body) {
        String code = null;
        String message = null;
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null) {
                code = json.path("code").isTextual() ? json.get("code").asText() : null;
                message = json.path("message").isTextual() ? json.get("message").asText() : null;
            }
        } catch (IOException e) {
            // Not JSON: the key is the status alone and the message the start of the body.
        }
        return Outcome.error(code == null ? Integer.toString(status) : status + " " + code,
                message == null ? abbreviate(body) : message);
    }

    static String abbreviate(byte[] body) {
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public String toString() {
        return "DeviceApi[" + baseUrl + "]";
    }
}

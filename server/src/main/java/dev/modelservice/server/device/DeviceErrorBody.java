package dev.modelservice.server.device;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON error response snapd reads: its {@code message} and the first
 * {@code error_list[].message} are shown to the device's user only when the content type is
 * exactly {@code application/json}, without a charset parameter.
 */
final class DeviceErrorBody {
    static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeviceErrorBody() {
    }

    static Response response(int status, String code, String message) {
        return builder(status, code, message).build();
    }

    /** Builds a 503 whose {@code Retry-After} gives the seconds after which the device may try again. */
    static Response unavailable(String code, String message, Duration retryAfter) {
        return builder(503, code, message).header("Retry-After", Long.toString(retryAfter.toSeconds())).build();
    }

    private static Response.ResponseBuilder builder(int status, String code, String message) {
        Map<String, Object> body = Map.of(
                "message", message,
                "code", code,
                "error_list", List.of(Map.of("code", code, "message", message)));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
        // The header is set as a string so that no charset parameter is added to it.
        return Response.status(status).entity(new Entity(code, json)).header("Content-Type", CONTENT_TYPE);
    }

    /** The body as JSON bytes (UTF-8), with its error code for the device request metrics. */
    record Entity(String code, byte[] json) implements StreamingOutput {
        @Override
        public void write(OutputStream output) throws IOException {
            output.write(json);
        }
    }
}

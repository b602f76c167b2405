package dev.modelservice.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the errors that Jetty raises itself, before a request reaches Jersey (headers too
 * large, an ambiguous path, a bad {@code Content-Length}), as JSON of type exactly
 * {@code application/json}: the only error form whose message snapd shows.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
            Callback callback) throws IOException {
        String code = switch (status) {
            case 413 -> "too-large";
            case 431 -> "headers-too-large";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        String text = "the HTTP request was rejected before it reached the API: "
                + (message == null || message.isBlank() ? "status " + status : message);
        byte[] body = JSON.writeValueAsBytes(Map.of("message", text, "code", code,
                "error_list", List.of(Map.of("code", code, "message", text))));

        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

package dev.modelservice.server.admin;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error response.
 *
 * @param message what failed, on which value, and what to do
 * @param code one of the codes below, for scripts
 */
public record ErrorBody(String message, String code) {

    public static final String BAD_REQUEST = "bad-request";
    public static final String UNAUTHORIZED = "unauthorized";
    public static final String NOT_FOUND = "not-found";
    public static final String CONFLICT = "conflict";
    public static final String UNAVAILABLE = "unavailable";
    public static final String INTERNAL = "internal";

    /** Returns the code that belongs to an HTTP status. */
    static String codeFor(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    static Response response(int status, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(message, codeFor(status)))
                .build();
    }
}

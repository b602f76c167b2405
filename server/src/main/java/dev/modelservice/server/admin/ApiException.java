package dev.modelservice.server.admin;

import jakarta.ws.rs.core.Response;

/**
 * A request the admin API rejects, with the HTTP status, the error code of the JSON body and
 * a message that names the value at fault and what to do.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Response.Status status;
    private final String code;

    private ApiException(Response.Status status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, ErrorBody.BAD_REQUEST, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, ErrorBody.NOT_FOUND, message);
    }

    static ApiException conflict(String message) {
        return new ApiException(Response.Status.CONFLICT, ErrorBody.CONFLICT, message);
    }

    Response.Status status() {
        return status;
    }

    String code() {
        return code;
    }
}

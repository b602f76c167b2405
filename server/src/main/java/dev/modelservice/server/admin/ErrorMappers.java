package dev.modelservice.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.modelservice.server.http.LogText;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.DuplicateRecordException;
import dev.modelservice.store.RecordNotFoundException;
import dev.modelservice.store.StoreException;
import dev.modelservice.store.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure of a request into a JSON error body, so that no stack trace leaves the
 * service: the caller's faults are 4xx with the cause's message, an unreachable HSM or
 * database is 503 with {@code Retry-After}, and anything unexpected is a 500 whose message
 * only points to the log.
 */
final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    /** Seconds a client waits before retrying a 503; the signer and the pool recover on their own meanwhile. */
    static final int RETRY_AFTER_SECONDS = 10;

    private ErrorMappers() {
    }

    /** Returns one instance of each mapper, for registering with Jersey. */
    static List<Object> all() {
        return List.of(new Api(), new NotFound(), new Duplicate(), new Unavailable(), new OtherStore(),
                new Signer(), new InvalidValue(), new Json(), new Jaxrs(), new Unexpected());
    }

    private static Response rejected(int status, Throwable e) {
        LOG.info("Rejected an admin request with {}: {}", status, LogText.printable(e.getMessage()));
        return ErrorBody.response(status, e.getMessage());
    }

    /** Returns a 503 for an HSM or database outage, which the signer and the store log themselves. */
    private static Response unavailable(String message, Throwable e) {
        LOG.warn("Answered an admin request with 503: {}", message);
        LOG.debug("The outage behind that 503", e);
        return Response.fromResponse(ErrorBody.response(503, message))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }

    private static Response internal(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        LOG.error("Admin request failed with an internal error, error id {}", errorId, e);
        return ErrorBody.response(500, "internal error " + errorId + "; the service log has the details");
    }

    static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            return rejected(e.status().getStatusCode(), e);
        }
    }

    static final class NotFound implements ExceptionMapper<RecordNotFoundException> {
        @Override
        public Response toResponse(RecordNotFoundException e) {
            return rejected(404, e);
        }
    }

    static final class Duplicate implements ExceptionMapper<DuplicateRecordException> {
        @Override
        public Response toResponse(DuplicateRecordException e) {
            return rejected(409, e);
        }
    }

    static final class Unavailable implements ExceptionMapper<StoreUnavailableException> {
        @Override
        public Response toResponse(StoreUnavailableException e) {
            return unavailable("the database cannot be reached: " + e.getMessage() + "; retry later", e);
        }
    }

    /** Other store failures, such as a migration or a retry limit, are the service's fault. */
    static final class OtherStore implements ExceptionMapper<StoreException> {
        @Override
        public Response toResponse(StoreException e) {
            return internal(e);
        }
    }

    static final class Signer implements ExceptionMapper<SignerException> {
        @Override
        public Response toResponse(SignerException e) {
            return switch (e.kind()) {
                case TOKEN_UNAVAILABLE -> unavailable("the HSM cannot be reached: " + e.getMessage()
                        + (e.getMessage().endsWith("retry later") ? "" : "; retry later"), e);
                case KEY_EXISTS -> rejected(409, e);
                case KEY_NOT_FOUND -> rejected(404, e);
                case CONFIGURATION, TOKEN_ERROR -> {
                    // The signer's message names the setting or the CKR_ code, which the admin needs.
                    LOG.error("The signer failed: {}", e.getMessage(), e);
                    yield ErrorBody.response(500, "the HSM signer failed: " + e.getMessage());
                }
            };
        }
    }

    /** The store and the codec reject invalid values with IllegalArgumentException and a message for people. */
    static final class InvalidValue implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return rejected(400, e);
        }
    }

    static final class Json implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            String message;
            if (e instanceof UnrecognizedPropertyException unknown) {
                message = "unknown field \"" + unknown.getPropertyName() + "\" in the request body; the fields are "
                        + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                                .collect(Collectors.joining(", "));
            } else if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
                message = "the request body must be a JSON object with the fields that docs/admin-api.md lists";
            } else if (e instanceof MismatchedInputException mismatch) {
                message = "field \"" + fieldName(mismatch) + "\" of the request body must be "
                        + expectedJson(mismatch.getTargetType());
            } else if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
                message = "field \"" + fieldName(mapping) + "\" of the request body is invalid";
            } else {
                // The parser's own message quotes the offending text, which may be a secret such as an API key.
                message = "the request body is not valid JSON" + (e.getLocation() == null ? "" : " at line "
                        + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
            }
            LOG.info("Rejected an admin request with 400: {}", LogText.printable(message));
            return ErrorBody.response(400, message);
        }
    }

    private static String fieldName(JsonMappingException e) {
        return e.getPath().get(e.getPath().size() - 1).getFieldName();
    }

    /** Names the JSON type a field needs, in JSON's terms, since Java class names mean nothing to the caller. */
    private static String expectedJson(Class<?> target) {
        if (target == Boolean.class || target == boolean.class) {
            return "true or false";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "a whole number";
        }
        if (target == String.class) {
            return "a string";
        }
        return "a JSON value of the documented type";
    }

    /** Jersey's own rejections: unknown paths, wrong methods, wrong media types. */
    static final class Jaxrs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500) {
                return internal(e);
            }
            String message = switch (status) {
                case 404 -> "no such resource; the admin API's paths start with /v1/, see docs/admin-api.md";
                case 405 -> "this method is not allowed on this resource; it allows "
                        + e.getResponse().getAllowedMethods().stream().sorted().collect(Collectors.joining(", "));
                case 406 -> "this resource cannot answer in the requested media type; accept the type that"
                        + " docs/admin-api.md gives for it: application/json, or application/x.ubuntu.assertion"
                        + " for account-key-request";
                case 415 -> "this resource does not accept the request's Content-Type; send the type that"
                        + " docs/admin-api.md gives for it: application/json, or application/x.ubuntu.assertion"
                        + " for account-key imports";
                default -> e.getMessage();
            };
            LOG.info("Rejected an admin request with {}: {}", status, LogText.printable(e.getMessage()));
            Response.ResponseBuilder response = Response.fromResponse(ErrorBody.response(status, message));
            Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
            if (allow != null) {
                response.header(HttpHeaders.ALLOW, allow);
            }
            return response.build();
        }
    }

    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            return internal(e);
        }
    }
}

package dev.modelservice.server.device;

import dev.modelservice.signer.SignerException;
import dev.modelservice.store.StoreUnavailableException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of a device request to the JSON error response snapd reads: 4xx for the
 * device's faults, 503 with {@code Retry-After} while the HSM or the database is away
 * (snapd retries soon only above 500), and 500 without details for anything else.
 */
final class DeviceErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceErrorMappers.class);

    private DeviceErrorMappers() {
    }

    static List<Object> all(Duration retryAfter) {
        return List.of(new DeviceErrors(), new StoreErrors(retryAfter), new SignerErrors(retryAfter),
                new JaxRsErrors(), new UnexpectedErrors());
    }

    static final class DeviceErrors implements ExceptionMapper<DeviceError> {
        @Override
        public Response toResponse(DeviceError error) {
            return DeviceErrorBody.response(error.status(), error.code(), error.getMessage());
        }
    }

    static final class StoreErrors implements ExceptionMapper<StoreUnavailableException> {
        private final Duration retryAfter;

        StoreErrors(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        @Override
        public Response toResponse(StoreUnavailableException error) {
            LOG.warn("Device request failed: the database is unavailable: {}", error.getMessage());
            return DeviceErrorBody.unavailable("database-unavailable",
                    "the service cannot reach its database; try again later", retryAfter);
        }
    }

    static final class SignerErrors implements ExceptionMapper<SignerException> {
        private final Duration retryAfter;

        SignerErrors(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        @Override
        public Response toResponse(SignerException error) {
            if (error.kind() == SignerException.Kind.TOKEN_UNAVAILABLE) {
                LOG.warn("Device request failed: the HSM is unavailable: {}", error.getMessage());
                return DeviceErrorBody.unavailable("hsm-unavailable",
                        "the service cannot reach its HSM to sign; try again later", retryAfter);
            }
            LOG.error("Device request failed: signing failed", error);
            return DeviceErrorBody.response(500, "internal", "the service could not sign the serial; an admin"
                    + " finds the cause in the service's log");
        }
    }

    /** Jersey's own responses, such as 404 for an unknown path and 405 for a wrong method. */
    static final class JaxRsErrors implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException error) {
            int status = error.getResponse().getStatus();
            String message = status == 404 ? "no such path on the device API: use POST request-id and POST serial"
                    : error.getMessage();
            return DeviceErrorBody.response(status, status == 404 ? "not-found" : "invalid-request", message);
        }
    }

    static final class UnexpectedErrors implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException error) {
            LOG.error("Device request failed unexpectedly", error);
            return DeviceErrorBody.response(500, "internal", "the service failed to handle the request; an admin"
                    + " finds the cause in the service's log");
        }
    }
}

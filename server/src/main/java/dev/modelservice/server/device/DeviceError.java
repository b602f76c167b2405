package dev.modelservice.server.device;

/**
 * A device request that cannot be served, with the HTTP status and the message the device
 * shows. snapd shows the message only from a body of type exactly {@code application/json}.
 */
public final class DeviceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    DeviceError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static DeviceError badRequest(String code, String message) {
        return new DeviceError(400, code, message);
    }

    static DeviceError unauthorized(String message) {
        return new DeviceError(401, "invalid-api-key", message);
    }

    static DeviceError notFound(String code, String message) {
        return new DeviceError(404, code, message);
    }

    static DeviceError conflict(String code, String message) {
        return new DeviceError(409, code, message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}

package dev.modelservice.cli.admin;

/** The admin API returned an error status for a call. */
final class AdminApiException extends CommandFailedException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    AdminApiException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** The HTTP status, such as 404. */
    int status() {
        return status;
    }

    /** The error's {@code code} field, such as {@code not-found}, or null when the body had none. */
    String code() {
        return code;
    }
}

package dev.modelservice.server;

/** A start-up check found the deployment unfit to serve; the message names what and the fix. */
final class StartupCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StartupCheckException(String message) {
        super(message);
    }
}

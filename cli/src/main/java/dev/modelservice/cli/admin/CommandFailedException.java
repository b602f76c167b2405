package dev.modelservice.cli.admin;

/**
 * An admin command failed for a reason the admin can act on. {@code model-admin} prints the
 * message as one line on stderr and exits with status 1.
 */
public class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailedException(String message) {
        super(message);
    }

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

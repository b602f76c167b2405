package dev.modelservice.assertions;

/** Rejects a well-formed assertion whose signature, signing key or chain of trust does not hold. */
public final class AssertionVerificationException extends AssertionException {
    private static final long serialVersionUID = 1L;

    public AssertionVerificationException(String message) {
        super(message);
    }

    public AssertionVerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public Stage stage() {
        return Stage.VERIFY;
    }
}

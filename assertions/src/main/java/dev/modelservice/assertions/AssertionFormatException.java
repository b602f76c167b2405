package dev.modelservice.assertions;

/** Rejects bytes that are not a well-formed assertion: the decode stage. */
public final class AssertionFormatException extends AssertionException {
    private static final long serialVersionUID = 1L;

    public AssertionFormatException(String message) {
        super(message);
    }

    @Override
    public Stage stage() {
        return Stage.DECODE;
    }
}

package dev.modelservice.assertions;

/** Base of the failures of the codec. {@link #stage()} gives the stage that rejected the assertion. */
public abstract class AssertionException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The stage that rejects an assertion, in snapd's terms. */
    public enum Stage {
        /** The bytes are not a well-formed assertion of a known type (snapd's {@code asserts.Decode}). */
        DECODE,
        /** The assertion is well formed but its signature or chain of trust does not hold. */
        VERIFY
    }

    AssertionException(String message) {
        super(message);
    }

    AssertionException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract Stage stage();
}

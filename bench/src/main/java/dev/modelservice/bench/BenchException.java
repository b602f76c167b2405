package dev.modelservice.bench;

/**
 * A failure that stops the benchmark, with a message for the person running it: what
 * failed, on which value, and what to do.
 */
final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchException(String message) {
        super(message);
    }

    BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}

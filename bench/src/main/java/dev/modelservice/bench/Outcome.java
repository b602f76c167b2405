package dev.modelservice.bench;

/**
 * What one operation of a phase ended with: success, or an error key under which the report
 * counts it (such as {@code 409 device-key-registered} or {@code connection failed}) and the
 * message that came with it.
 */
record Outcome(String errorKey, String message) {
    static final Outcome OK = new Outcome(null, null);

    static Outcome error(String errorKey, String message) {
        return new Outcome(errorKey, message);
    }

    boolean ok() {
        return errorKey == null;
    }
}

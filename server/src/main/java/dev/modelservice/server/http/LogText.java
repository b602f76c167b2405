package dev.modelservice.server.http;

/** Text from requests made safe for a log line. */
public final class LogText {
    private LogText() {
    }

    /** Escapes control characters as {@code \xNN}, so that a client's values cannot forge or garble log lines. */
    public static String printable(String value) {
        if (value == null) {
            return "none";
        }
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(String.format("\\x%02x", c));
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }
}

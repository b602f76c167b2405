package dev.modelservice.store;

import java.time.Instant;
import java.util.regex.Pattern;

/** Input checks shared by the records, so that a bad value fails before it reaches SQL. */
final class Checks {

    /** A SHA3-384 digest in unpadded base64url, the way assertions name keys. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{64}");

    private Checks() {
    }

    /** Returns {@code value} when it is present, not blank and at most {@code maxLength} characters. */
    static String text(String value, String what, int maxLength) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; give a non-blank value");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(what + " is " + value.length()
                    + " characters long; the maximum is " + maxLength);
        }
        return value;
    }

    /** Like {@link #text} but accepts null, for columns that may be empty. */
    static String optionalText(String value, String what, int maxLength) {
        return value == null ? null : text(value, what, maxLength);
    }

    static String keyId(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (!KEY_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " '" + value + "' is not a SHA3-384 key id:"
                    + " expected 64 characters of unpadded base64url");
        }
        return value;
    }

    static Instant time(Instant value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}

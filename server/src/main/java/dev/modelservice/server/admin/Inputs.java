package dev.modelservice.server.admin;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Checks of the names, times and limits that requests carry, with snapd's rules where snapd
 * has one. The patterns are linear-time equivalents of snapd 2.57's regular expressions
 * ({@code asserts/account_key.go}, {@code asserts/device_asserts.go}), since Java's matcher
 * backtracks on nested quantifiers.
 */
public final class Inputs {
    /** snapd's account-id: 32 letters and digits, or 2 to 28 lowercase letters, digits and dashes. */
    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-zA-Z0-9]{32}|[-a-z0-9]{2,28}");
    /** snapd's model name: letters and digits in groups joined by single dashes. */
    private static final Pattern MODEL_NAME = Pattern.compile("[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*");
    /** snapd's account-key name: lowercase letters and digits in groups joined by single dashes... */
    private static final Pattern KEY_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    /** ...with at least one letter. */
    private static final Pattern LETTER = Pattern.compile("[a-z]");
    private static final Pattern TOKEN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]*");
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{64}");

    static final int MAX_NAME_LENGTH = 128;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Inputs() {
    }

    static String accountId(String value) {
        String text = required(value, "account-id");
        if (!isAccountId(text)) {
            throw ApiException.badRequest("account-id '" + text + "' is invalid: give 2 to 28 lowercase letters,"
                    + " digits and dashes, or 32 letters and digits, as the store assigns");
        }
        return text;
    }

    static String modelName(String value) {
        String text = required(value, "model name");
        if (text.length() > MAX_NAME_LENGTH || !MODEL_NAME.matcher(text).matches()) {
            throw ApiException.badRequest("model name '" + text + "' is invalid: use letters and digits, with single"
                    + " dashes between them, at most " + MAX_NAME_LENGTH + " characters, such as 'gateway-2'");
        }
        return text;
    }

    /** Signing key names become the account-key's name, so they follow snapd's rule for those. */
    static String keyName(String value) {
        String text = required(value, "key name");
        if (text.length() > MAX_NAME_LENGTH || !KEY_NAME.matcher(text).matches() || !LETTER.matcher(text).find()) {
            throw ApiException.badRequest("key name '" + text + "' is invalid: use lowercase letters and digits,"
                    + " with single dashes between them and at least one letter, at most " + MAX_NAME_LENGTH
                    + " characters, such as 'serials-2026'");
        }
        return text;
    }

    static String tokenName(String value) {
        String text = required(value, "token name");
        if (text.length() > MAX_NAME_LENGTH || !TOKEN_NAME.matcher(text).matches()) {
            throw ApiException.badRequest("token name '" + text + "' is invalid: use letters, digits, '.', '_', '@'"
                    + " and '-', starting with a letter or digit, at most " + MAX_NAME_LENGTH + " characters");
        }
        return text;
    }

    /** Returns whether {@code value} has snapd's form of an account-id. */
    public static boolean isAccountId(String value) {
        return value != null && ACCOUNT_ID.matcher(value).matches();
    }

    static boolean isKeyId(String value) {
        return KEY_ID.matcher(value).matches();
    }

    static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(what + " is missing; give one in the request");
        }
        return value;
    }

    /** Parses an RFC 3339 time with any offset, such as {@code 2026-12-04T21:30:00Z}. */
    static Instant time(String value, String what) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(what + " '" + value + "' is not an RFC 3339 time; write it like"
                    + " 2026-12-04T21:30:00Z");
        }
    }

    static Instant optionalTime(String value, String what) {
        return value == null || value.isEmpty() ? null : time(value, what);
    }

    /** Returns the {@code limit} query parameter, {@value #DEFAULT_LIMIT} when absent. */
    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw ApiException.badRequest("limit '" + value + "' is invalid: give a number from 1 to " + MAX_LIMIT);
    }

    /** Returns a body that a resource needs, or throws a 400 that names the fields to send. */
    static <T> T body(T body, String fields) {
        if (body == null) {
            throw ApiException.badRequest("the request body is missing; send a JSON object with " + fields);
        }
        return body;
    }

    /** Formats a time as RFC 3339 in UTC, null as null. */
    static String format(Instant time) {
        return time == null ? null : time.toString();
    }
}

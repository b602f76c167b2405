package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks on single header values, each named for what it checks, each error quoting the
 * header at fault. They follow snapd's {@code asserts/header_checks.go}.
 */
final class HeaderChecks {
    /** Length in bytes of a SHA3-384 digest. */
    static final int SHA3_384_BYTES = 48;

    private HeaderChecks() {
    }

    static String existingString(Map<String, Object> headers, String name) throws AssertionFormatException {
        Object value = headers.get(name);
        if (value == null) {
            throw new AssertionFormatException(quote(name) + " header is mandatory");
        }
        if (!(value instanceof String text)) {
            throw new AssertionFormatException(quote(name) + " header must be a string");
        }
        return text;
    }

    static String notEmptyString(Map<String, Object> headers, String name) throws AssertionFormatException {
        String text = existingString(headers, name);
        if (text.isEmpty()) {
            throw new AssertionFormatException(quote(name) + " header should not be empty");
        }
        return text;
    }

    /** Returns the string value, or an empty string when the header is absent. */
    static String optionalString(Map<String, Object> headers, String name) throws AssertionFormatException {
        if (!headers.containsKey(name)) {
            return "";
        }
        return existingString(headers, name);
    }

    static String primaryKey(Map<String, Object> headers, String name) throws AssertionFormatException {
        String value = notEmptyString(headers, name);
        if (value.contains("/")) {
            throw new AssertionFormatException(quote(name) + " primary key header cannot contain '/'");
        }
        return value;
    }

    static int intWithDefault(Map<String, Object> headers, String name, int defaultValue)
            throws AssertionFormatException {
        Object value = headers.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw new AssertionFormatException(quote(name) + " header is not an integer: " + value);
        }
        return parseInt(name, text);
    }

    static int parseInt(String name, String text) throws AssertionFormatException {
        if (!text.matches("[+-]?\\d+")) {
            throw new AssertionFormatException(quote(name) + " header is not an integer: " + text);
        }
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AssertionFormatException(quote(name) + " header is out of range: " + text);
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            throw new AssertionFormatException(quote(name) + " header is out of range: " + text);
        }
        if (text.startsWith("0") && !text.equals("0")) {
            throw new AssertionFormatException(quote(name) + " header has invalid leading zeros: " + text);
        }
        return (int) value;
    }

    /**
     * Checks a non-negative iteration number such as {@code format} or {@code revision}, 0 when absent.
     * NOTE: snapd reads these as 64-bit integers; values above 2147483647 are rejected here.
     */
    static int iteration(Map<String, Object> headers, String name) throws AssertionFormatException {
        int value = intWithDefault(headers, name, 0);
        if (value < 0) {
            throw new AssertionFormatException(quote(name) + " header should be positive: " + value);
        }
        return value;
    }

    static Instant rfc3339Date(Map<String, Object> headers, String name) throws AssertionFormatException {
        return parseRfc3339(name, notEmptyString(headers, name));
    }

    static Instant rfc3339DateWithDefault(Map<String, Object> headers, String name, Instant defaultValue)
            throws AssertionFormatException {
        if (!headers.containsKey(name)) {
            return defaultValue;
        }
        return parseRfc3339(name, existingString(headers, name));
    }

    private static Instant parseRfc3339(String name, String text) throws AssertionFormatException {
        Instant parsed = GoRfc3339.parse(text);
        if (parsed == null) {
            throw new AssertionFormatException(quote(name) + " header is not an RFC 3339 date: " + quote(text)
                    + " (expected a time such as 2026-01-02T03:04:05Z)");
        }
        return parsed;
    }

    /** Checks a SHA3-384 digest in unpadded base64url, the form of every key id. */
    static String sha3384Digest(Map<String, Object> headers, String name) throws AssertionFormatException {
        String digest = notEmptyString(headers, name);
        byte[] decoded;
        try {
            if (digest.indexOf('=') >= 0) {
                throw new IllegalArgumentException("padding");
            }
            decoded = Base64.getUrlDecoder().decode(digest);
        } catch (IllegalArgumentException e) {
            throw new AssertionFormatException(quote(name) + " header cannot be decoded as unpadded base64url: "
                    + quote(digest));
        }
        if (decoded.length != SHA3_384_BYTES) {
            throw new AssertionFormatException(quote(name) + " header does not have the expected bit length: "
                    + decoded.length * 8);
        }
        return digest;
    }

    static String matching(Map<String, Object> headers, String name, Pattern pattern)
            throws AssertionFormatException {
        String value = notEmptyString(headers, name);
        if (!pattern.matcher(value).matches()) {
            throw new AssertionFormatException(quote(name) + " header contains invalid characters: " + quote(value));
        }
        return value;
    }

    static boolean optionalBool(Map<String, Object> headers, String name) throws AssertionFormatException {
        Object value = headers.get(name);
        if (value == null) {
            return false;
        }
        if (!"true".equals(value) && !"false".equals(value)) {
            throw new AssertionFormatException(quote(name) + " header must be 'true' or 'false'");
        }
        return "true".equals(value);
    }

    /** Returns a list of strings, empty when the header is absent. */
    static List<String> stringList(Map<String, Object> headers, String name, Pattern pattern)
            throws AssertionFormatException {
        Object value = headers.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new AssertionFormatException(quote(name) + " header must be a list of strings");
        }
        for (Object item : list) {
            if (!(item instanceof String text)) {
                throw new AssertionFormatException(quote(name) + " header must be a list of strings");
            }
            if (pattern != null && !pattern.matcher(text).matches()) {
                throw new AssertionFormatException(quote(name) + " header contains an invalid element: " + quote(text));
            }
        }
        return list.stream().map(String.class::cast).toList();
    }

    /** Returns a map, or null when the header is absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalMap(Map<String, Object> headers, String name) throws AssertionFormatException {
        Object value = headers.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionFormatException(quote(name) + " header must be a map");
        }
        return (Map<String, Object>) value;
    }
}

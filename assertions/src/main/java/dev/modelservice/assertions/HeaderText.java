package dev.modelservice.assertions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Parses and writes the header block of an assertion.
 *
 * <p>A value is a {@link String}, a {@link List} or a {@link Map} with string keys, nested to
 * any depth with strings as the only scalars. A single-line string follows {@code "name: "};
 * anything else follows {@code "name:"} and a line break: multi-line text indented four
 * spaces past the current level, list items introduced by {@code "  -"}, or map entries
 * indented two spaces. The rules are those of snapd's {@code asserts/headers.go}.
 */
final class HeaderText {
    static final Pattern NAME = Pattern.compile("^[a-z](?:-?[a-z0-9])*$");

    private static final String COMMON_PREFIX = "  ";
    private static final String MULTILINE_PREFIX = "    ";
    private static final String LIST_PREFIX = "  -";

    private HeaderText() {
    }

    /** Parses a header block, already checked to be UTF-8, into headers in their order of appearance. */
    static Map<String, Object> parse(String head) throws AssertionFormatException {
        if (head.startsWith("\uFEFF")) {
            throw new AssertionFormatException("the text starts with a UTF-8 byte order mark: remove it, an assertion"
                    + " starts with \"type:\"");
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        String[] lines = head.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            if (line.isEmpty()) {
                throw new AssertionFormatException("empty line " + (i + 1) + " among the headers: an assertion starts"
                        + " with \"type:\" and its headers have no blank line between them");
            }
            int colon = line.indexOf(':');
            if (colon == -1) {
                throw new AssertionFormatException("header line has no ':' separator: " + quote(line));
            }
            String name = line.substring(0, colon);
            if (!NAME.matcher(name).matches()) {
                throw new AssertionFormatException("invalid header name: " + quote(name)
                        + " (names are lowercase letters, digits and single dashes, starting with a letter)");
            }

            Parsed entry = parseEntry(colon + 1, i, lines, 0);
            if (headers.containsKey(name)) {
                throw new AssertionFormatException("repeated header: " + quote(name));
            }
            headers.put(name, entry.value);
            i = entry.next;
        }
        return Collections.unmodifiableMap(headers);
    }

    private record Parsed(Object value, int next) {
    }

    private static Parsed parseEntry(int introLength, int first, String[] lines, int baseIndent)
            throws AssertionFormatException {
        String line = lines[first];
        int next = first + 1;

        if (introLength == line.length()) {
            String basePrefix = indent(baseIndent) + COMMON_PREFIX;
            if (next < lines.length && lines[next].startsWith(basePrefix)) {
                String rest = lines[next].substring(basePrefix.length());
                if (rest.startsWith("-")) {
                    return parseList(next, lines, baseIndent);
                }
                if (!rest.isEmpty() && rest.charAt(0) != ' ') {
                    return parseMap(next, lines, baseIndent);
                }
            }
            return parseMultilineText(next, lines, baseIndent);
        }

        if (line.charAt(introLength) != ' ') {
            throw new AssertionFormatException(
                    "header line needs a space after ':' (or a line break before a multi-line value): "
                            + quote(line));
        }
        return new Parsed(line.substring(introLength + 1), next);
    }

    private static Parsed parseMultilineText(int first, String[] lines, int baseIndent)
            throws AssertionFormatException {
        String prefix = indent(baseIndent) + MULTILINE_PREFIX;
        int end = first;
        while (end < lines.length && lines[end].startsWith(prefix)) {
            end++;
        }
        if (end == first) {
            String found = first == lines.length ? "the end of the headers" : quote(lines[first]);
            throw new AssertionFormatException("expected a line indented by " + prefix.length()
                    + " spaces after the multi-line introduction " + quote(lines[first - 1]) + ", found " + found);
        }

        StringBuilder value = new StringBuilder();
        for (int i = first; i < end; i++) {
            if (i > first) {
                value.append('\n');
            }
            value.append(lines[i], prefix.length(), lines[i].length());
        }
        return new Parsed(value.toString(), end);
    }

    private static Parsed parseList(int first, String[] lines, int baseIndent) throws AssertionFormatException {
        List<Object> items = new ArrayList<>();
        String prefix = indent(baseIndent) + LIST_PREFIX;
        int i = first;
        while (i < lines.length && lines[i].startsWith(prefix)) {
            Parsed item = parseEntry(prefix.length(), i, lines, baseIndent + LIST_PREFIX.length() - 1);
            items.add(item.value);
            i = item.next;
        }
        return new Parsed(Collections.unmodifiableList(items), i);
    }

    private static Parsed parseMap(int first, String[] lines, int baseIndent) throws AssertionFormatException {
        Map<String, Object> entries = new LinkedHashMap<>();
        String prefix = indent(baseIndent) + COMMON_PREFIX;
        int i = first;
        while (i < lines.length && lines[i].startsWith(prefix)) {
            String entry = lines[i].substring(prefix.length());
            int colon = entry.indexOf(':');
            if (colon == -1) {
                throw new AssertionFormatException("map entry has no ':' separator: " + quote(entry));
            }
            String key = entry.substring(0, colon);
            if (!NAME.matcher(key).matches()) {
                throw new AssertionFormatException("invalid map entry key: " + quote(key));
            }

            Parsed value = parseEntry(prefix.length() + colon + 1, i, lines, prefix.length());
            if (entries.containsKey(key)) {
                throw new AssertionFormatException("repeated map entry: " + quote(key));
            }
            entries.put(key, value.value);
            i = value.next;
        }
        return new Parsed(Collections.unmodifiableMap(entries), i);
    }

    /** Appends {@code "\n" + intro} and the value; empty lists and maps are left out, as snapd does. */
    static void appendEntry(StringBuilder out, String intro, Object value, int baseIndent) {
        if (value instanceof String text) {
            out.append('\n').append(intro);
            if (text.indexOf('\n') >= 0) {
                String prefix = indent(baseIndent) + MULTILINE_PREFIX;
                out.append('\n').append(prefix).append(text.replace("\n", "\n" + prefix));
            } else {
                out.append(' ').append(text);
            }
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                return;
            }
            out.append('\n').append(intro);
            String prefix = indent(baseIndent) + LIST_PREFIX;
            for (Object item : list) {
                appendEntry(out, prefix, item, baseIndent + LIST_PREFIX.length() - 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return;
            }
            out.append('\n').append(intro);
            String prefix = indent(baseIndent) + COMMON_PREFIX;
            for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
                appendEntry(out, prefix + entry.getKey() + ":", entry.getValue(), prefix.length());
            }
        } else {
            throw new IllegalArgumentException("header values are strings, lists or maps, not " + value);
        }
    }

    /**
     * Checks that a value built by a caller has the shape a header value can have, and
     * returns an unmodifiable deep copy of it.
     */
    static Object checkedCopy(String name, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(checkedCopy(name, item));
            }
            return Collections.unmodifiableList(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key) || !NAME.matcher(key).matches()) {
                    throw new IllegalArgumentException("header " + quote(name) + " has an invalid map key: "
                            + entry.getKey());
                }
                copy.put(key, checkedCopy(name, entry.getValue()));
            }
            return Collections.unmodifiableMap(copy);
        }
        throw new IllegalArgumentException("header " + quote(name)
                + " must be a string, or lists and maps with strings as the only scalars, not " + value);
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static String indent(int width) {
        return " ".repeat(width);
    }
}

package dev.modelservice.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates random header values from a seed: single-line and multi-line text with
 * awkward characters, and lists and maps nested a few levels deep. Lists and maps are never
 * empty, because snapd leaves empty ones out of the text.
 */
final class RandomHeaders {
    private static final String[] PIECES = {"a", "Z", "0", " ", "  ", ":", ": ", "-", "  -", "#", "é", "日本",
        "\uD83D\uDE80", "\t", "\"", "'", "{}", "=", "/", "\\", "key: value", "    "};
    private static final int MAX_DEPTH = 3;

    private final Random random;

    RandomHeaders(long seed) {
        this.random = new Random(seed);
    }

    /** Returns headers with distinct names of snapd's header name form, none of them reserved. */
    Map<String, Object> headers(int count) {
        Map<String, Object> headers = new LinkedHashMap<>();
        while (headers.size() < count) {
            headers.put("x-" + name(), value(0));
        }
        return headers;
    }

    private Object value(int depth) {
        int kind = depth >= MAX_DEPTH ? random.nextInt(2) : random.nextInt(4);
        return switch (kind) {
            case 0 -> line();
            case 1 -> multilineText();
            case 2 -> list(depth + 1);
            default -> map(depth + 1);
        };
    }

    private String line() {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private String multilineText() {
        StringBuilder text = new StringBuilder(line());
        int breaks = 1 + random.nextInt(4);
        for (int i = 0; i < breaks; i++) {
            text.append('\n').append(line());
        }
        return text.toString();
    }

    private List<Object> list(int depth) {
        List<Object> items = new ArrayList<>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            items.add(value(depth));
        }
        return items;
    }

    private Map<String, Object> map(int depth) {
        Map<String, Object> entries = new LinkedHashMap<>();
        int size = 1 + random.nextInt(3);
        while (entries.size() < size) {
            entries.put(name(), value(depth));
        }
        return entries;
    }

    /** Returns a name matching {@code ^[a-z](?:-?[a-z0-9])*$}. */
    private String name() {
        StringBuilder name = new StringBuilder().append((char) ('a' + random.nextInt(26)));
        int more = random.nextInt(8);
        for (int i = 0; i < more; i++) {
            if (random.nextInt(5) == 0) {
                name.append('-');
            }
            name.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        return name.toString();
    }
}

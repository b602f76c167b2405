package dev.modelservice.assertions;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses times as Go 1.19's {@code time.Parse(time.RFC3339, ...)} does, which is what snapd
 * 2.57 uses for every time header: {@code YYYY-MM-DDTHH:MM:SS}, an optional fraction after a
 * period or comma with any number of digits, then {@code Z} or {@code ±hh:mm}. It is more
 * lenient than {@code java.time}: a one-digit hour and any two-digit offset are accepted.
 */
final class GoRfc3339 {
    private static final int NANOS_DIGITS = 9;

    private int position;
    private final String text;

    private GoRfc3339(String text) {
        this.text = text;
    }

    /** Returns the instant, or null when Go would reject the text. */
    static Instant parse(String text) {
        try {
            return new GoRfc3339(text).parse();
        } catch (DateTimeException | IndexOutOfBoundsException | NumberFormatException e) {
            return null;
        }
    }

    private Instant parse() {
        int year = digits(4);
        literal('-');
        int month = digits(2);
        literal('-');
        int day = digits(2);
        literal('T');
        int hour = oneOrTwoDigits();
        literal(':');
        int minute = digits(2);
        literal(':');
        int second = digits(2);
        if (hour >= 24 || minute >= 60 || second >= 60) {
            return null;
        }
        int nanos = fraction();
        Integer offsetSeconds = offsetSeconds();
        if (offsetSeconds == null || position != text.length()) {
            return null;
        }
        Instant local = LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        return local.minusSeconds(offsetSeconds);
    }

    private int fraction() {
        if (position + 1 >= text.length() || (text.charAt(position) != '.' && text.charAt(position) != ',')
                || !isDigit(position + 1)) {
            return 0;
        }
        position++;
        int start = position;
        while (position < text.length() && isDigit(position)) {
            position++;
        }
        String digits = text.substring(start, Math.min(position, start + NANOS_DIGITS));
        return Integer.parseInt(digits) * (int) Math.pow(10, NANOS_DIGITS - digits.length());
    }

    /**
     * Reads {@code Z} or {@code ±hh:mm} as seconds east of UTC. Go checks neither range, so
     * offsets up to 99:99 pass, beyond what {@code java.time.ZoneOffset} can hold.
     */
    private Integer offsetSeconds() {
        if (position < text.length() && text.charAt(position) == 'Z') {
            position++;
            return 0;
        }
        char sign = text.charAt(position);
        if (sign != '+' && sign != '-') {
            return null;
        }
        position++;
        int hours = digits(2);
        literal(':');
        int minutes = digits(2);
        int seconds = (hours * 60 + minutes) * 60;
        return sign == '-' ? -seconds : seconds;
    }

    private int digits(int count) {
        for (int i = 0; i < count; i++) {
            if (!isDigit(position + i)) {
                throw new NumberFormatException("expected " + count + " digits");
            }
        }
        int value = Integer.parseInt(text.substring(position, position + count));
        position += count;
        return value;
    }

    private int oneOrTwoDigits() {
        return isDigit(position + 1) ? digits(2) : digits(1);
    }

    private void literal(char expected) {
        if (text.charAt(position) != expected) {
            throw new NumberFormatException("expected " + expected);
        }
        position++;
    }

    private boolean isDigit(int index) {
        return index < text.length() && text.charAt(index) >= '0' && text.charAt(index) <= '9';
    }
}

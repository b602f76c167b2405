package dev.modelservice.server.device;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template for the serials that the service assigns to a model's devices, such as
 * {@code ACME-{date}-{hex:16}}. Literal text may use letters, digits and {@code - . _ : +};
 * the placeholders are:
 *
 * <ul>
 *   <li>{@code {uuid}}: a random UUID, 122 random bits;
 *   <li>{@code {hex:N}}: N random lowercase hex digits, N from 16 to 64;
 *   <li>{@code {date}}: the UTC date of signing as {@code yyyyMMdd}.
 * </ul>
 *
 * <p>A template needs at least one random placeholder, so that two devices never get the
 * same serial by chance: 16 hex digits are 64 bits, so the chance of a collision among a billion
 * serials is about n²/2^65, 1 in 37.
 */
public final class SerialFormat {

    static final int MIN_HEX_DIGITS = 16;
    static final int MAX_HEX_DIGITS = 64;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([0-9]+))?}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._:+-]*");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final int UUID_LENGTH = 36;
    private static final int DATE_LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The format of models without one of their own; declared after the patterns it is parsed with. */
    public static final SerialFormat UUID_ONLY = parse("{uuid}");

    private final String template;
    private final List<Part> parts;

    private SerialFormat(String template, List<Part> parts) {
        this.template = template;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException naming the fault and the allowed syntax
     */
    public static SerialFormat parse(String template) {
        if (template == null || template.isEmpty()) {
            throw invalid(template, "it is empty");
        }
        List<Part> parts = new ArrayList<>();
        Matcher placeholder = PLACEHOLDER.matcher(template);
        int literalStart = 0;
        while (placeholder.find()) {
            parts.addAll(literal(template, template.substring(literalStart, placeholder.start())));
            parts.add(placeholder(template, placeholder.group(1), placeholder.group(2)));
            literalStart = placeholder.end();
        }
        parts.addAll(literal(template, template.substring(literalStart)));

        if (parts.stream().noneMatch(Part::random)) {
            throw invalid(template, "it has no random part, so devices would share serials");
        }
        return new SerialFormat(template, parts);
    }

    /** Returns the longest serial that this template yields, in characters. */
    public int maxLength() {
        return parts.stream().mapToInt(Part::length).sum();
    }

    /** Returns a new serial, with the date read from {@code clock}. */
    public String generate(Clock clock) {
        StringBuilder serial = new StringBuilder(maxLength());
        for (Part part : parts) {
            serial.append(part.value(clock));
        }
        return serial.toString();
    }

    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return "SerialFormat[" + template + "]";
    }

    private static List<Part> literal(String template, String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!LITERAL.matcher(text).matches()) {
            throw invalid(template, "the text '" + text + "' has a character other than letters, digits and"
                    + " - . _ : + (placeholders are {uuid}, {hex:N} and {date})");
        }
        return List.of(new Part(text.length(), false, clock -> text));
    }

    private static Part placeholder(String template, String name, String argument) {
        switch (name) {
            case "uuid":
                noArgument(template, name, argument);
                return new Part(UUID_LENGTH, true, clock -> UUID.randomUUID().toString());
            case "date":
                noArgument(template, name, argument);
                return new Part(DATE_LENGTH, false, clock -> DATE.format(clock.instant()));
            case "hex":
                int digits = hexDigits(template, argument);
                return new Part(digits, true, clock -> randomHex(digits));
            default:
                throw invalid(template, "{" + name + "} is not a placeholder; use {uuid}, {hex:N} or {date}");
        }
    }

    private static void noArgument(String template, String name, String argument) {
        if (argument != null) {
            throw invalid(template, "{" + name + "} takes no number; write {" + name + "}");
        }
    }

    private static int hexDigits(String template, String argument) {
        int digits = argument == null || argument.length() > 3 ? -1 : Integer.parseInt(argument);
        if (digits < MIN_HEX_DIGITS || digits > MAX_HEX_DIGITS) {
            throw invalid(template, "{hex:N} needs N from " + MIN_HEX_DIGITS + " to " + MAX_HEX_DIGITS
                    + ", the number of random hex digits, such as {hex:16}");
        }
        return digits;
    }

    private static String randomHex(int digits) {
        byte[] bytes = new byte[(digits + 1) / 2];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, digits);
    }

    private static IllegalArgumentException invalid(String template, String problem) {
        return new IllegalArgumentException("serial format '" + template + "' is invalid: " + problem);
    }

    /** A piece of the serial: fixed text or a placeholder's value. */
    private record Part(int length, boolean random, Value source) {
        String value(Clock clock) {
            return source.of(clock);
        }
    }

    @FunctionalInterface
    private interface Value {
        String of(Clock clock);
    }
}

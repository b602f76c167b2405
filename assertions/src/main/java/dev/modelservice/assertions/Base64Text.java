package dev.modelservice.assertions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The text form snapd gives keys and signatures: base64 (standard alphabet) of a format
 * version byte, 0x01, followed by one OpenPGP packet, in lines of at most 76 characters
 * (snapd's {@code asserts/crypto.go}).
 */
final class Base64Text {
    static final int FORMAT_VERSION = 0x01;
    private static final int LINE_LENGTH = 76;

    private Base64Text() {
    }

    static String encode(byte[] packet) {
        byte[] versioned = new byte[packet.length + 1];
        versioned[0] = FORMAT_VERSION;
        System.arraycopy(packet, 0, versioned, 1, packet.length);
        String flat = Base64.getEncoder().encodeToString(versioned);

        StringBuilder wrapped = new StringBuilder(flat.length() + flat.length() / LINE_LENGTH);
        for (int i = 0; i < flat.length(); i += LINE_LENGTH) {
            if (i > 0) {
                wrapped.append('\n');
            }
            wrapped.append(flat, i, Math.min(flat.length(), i + LINE_LENGTH));
        }
        return wrapped.toString();
    }

    /**
     * Decodes the text form and returns the packet bytes after the version byte. Line breaks
     * are ignored, as Go's base64 decoder ignores them.
     */
    static byte[] decode(byte[] text, String what) throws IllegalArgumentException {
        String flat = new String(text, StandardCharsets.US_ASCII).replace("\n", "").replace("\r", "");
        if (flat.isEmpty()) {
            throw new IllegalArgumentException("cannot decode " + what + ": no data");
        }
        if (flat.length() % 4 != 0) {
            // Go's decoder, unlike Java's, requires the padding, and snapd rejects text without it.
            throw new IllegalArgumentException("cannot decode " + what + ": base64 text of " + flat.length()
                    + " characters is not padded to a multiple of 4");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(flat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode " + what + ": not valid base64 (" + e.getMessage() + ")");
        }
        if (decoded.length == 0) {
            throw new IllegalArgumentException("cannot decode " + what + ": base64 without data");
        }
        if (decoded[0] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unsupported " + what + " format version: " + (decoded[0] & 0xff)
                    + " (expected 1)");
        }
        byte[] packet = new byte[decoded.length - 1];
        System.arraycopy(decoded, 1, packet, 0, packet.length);
        return packet;
    }
}

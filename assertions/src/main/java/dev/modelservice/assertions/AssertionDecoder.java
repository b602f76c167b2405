package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes one assertion from its complete text, as snapd's {@code asserts.Decode} does.
 *
 * <p>The text is {@code HEADERS "\n\n" [BODY "\n\n"] SIGNATURE}. The signature starts after
 * the last blank line, so a single-assertion text may not end with an extra blank line;
 * {@link AssertionStreamDecoder} is the one to use for HTTP bodies and files of several
 * assertions. Decoding checks the format and the type's own rules; it does not check the
 * signature, which {@link AssertionVerifier} and {@link AssertionDatabase} do.
 */
public final class AssertionDecoder {
    private AssertionDecoder() {
    }

    public static Assertion decode(byte[] text) throws AssertionFormatException {
        byte[] snapshot = text.clone();

        if (snapshot.length >= 2 && snapshot[snapshot.length - 1] == '\n' && snapshot[snapshot.length - 2] == '\n') {
            // The signature starts after the last blank line, so it would be empty.
            throw new AssertionFormatException("the assertion ends with a blank line after its signature: remove it"
                    + " (only a stream of several assertions may end so)");
        }
        int contentEnd = lastIndexOfBlankLine(snapshot);
        if (contentEnd == -1) {
            throw new AssertionFormatException("no blank line separates the assertion content from its signature");
        }
        byte[] content = Arrays.copyOfRange(snapshot, 0, contentEnd);
        byte[] signature = Arrays.copyOfRange(snapshot, contentEnd + 2, snapshot.length);

        int headEnd = indexOfBlankLine(content, 0);
        byte[] head = headEnd == -1 ? content : Arrays.copyOfRange(content, 0, headEnd);
        byte[] body = headEnd == -1 ? new byte[0] : Arrays.copyOfRange(content, headEnd + 2, content.length);

        return assemble(parseHeaders(head), body, content, signature);
    }

    static Map<String, Object> parseHeaders(byte[] head) throws AssertionFormatException {
        return HeaderText.parse(utf8(head, "the headers are not valid UTF-8"));
    }

    /** Applies the checks common to every type, then the type's own rules (snapd's {@code assemble}). */
    static Assertion assemble(Map<String, Object> parsedHeaders, byte[] body, byte[] content, byte[] signature)
            throws AssertionFormatException {
        Map<String, Object> headers = new LinkedHashMap<>(parsedHeaders);

        int bodyLength = HeaderChecks.intWithDefault(headers, "body-length", 0);
        if (bodyLength != body.length) {
            throw new AssertionFormatException("the body is " + body.length
                    + " bytes long but the \"body-length\" header says " + bodyLength);
        }
        utf8(body, "the body is not valid UTF-8");
        HeaderChecks.sha3384Digest(headers, "sign-key-sha3-384");

        AssertionType type = knownType(headers);
        checkAuthority(type, headers);
        int format = HeaderChecks.iteration(headers, "format");
        checkPrimaryKey(type, headers);
        int revision = HeaderChecks.iteration(headers, "revision");
        if (signature.length == 0) {
            throw new AssertionFormatException("the assertion has an empty signature");
        }

        Assertion assertion = new Assertion(type, java.util.Collections.unmodifiableMap(headers), body, content,
                signature, format, revision);
        try {
            type.rules().check(assertion);
        } catch (AssertionFormatException e) {
            throw new AssertionFormatException(type.name() + " assertion: " + e.getMessage());
        }
        return assertion;
    }

    private static AssertionType knownType(Map<String, Object> headers) throws AssertionFormatException {
        String name = HeaderChecks.notEmptyString(headers, "type");
        return AssertionType.byName(name).orElseThrow(() -> new AssertionFormatException(
                "unknown assertion type: " + quote(name)));
    }

    private static void checkAuthority(AssertionType type, Map<String, Object> headers)
            throws AssertionFormatException {
        if (type.withoutAuthority()) {
            for (String name : new String[] {"authority-id", "signatory-id"}) {
                if (headers.containsKey(name)) {
                    throw new AssertionFormatException(quote(type.name()) + " assertions are self-signed and cannot have "
                            + quote(name) + " set");
                }
            }
            return;
        }
        HeaderChecks.notEmptyString(headers, "authority-id");
        if (headers.containsKey("signatory-id")) {
            HeaderChecks.notEmptyString(headers, "signatory-id");
        }
    }

    private static void checkPrimaryKey(AssertionType type, Map<String, Object> headers)
            throws AssertionFormatException {
        for (String name : type.primaryKey()) {
            String defaultValue = type.optionalPrimaryKeyDefaults().get(name);
            if (!headers.containsKey(name) && defaultValue != null) {
                headers.put(name, defaultValue);
            }
            try {
                HeaderChecks.primaryKey(headers, name);
            } catch (AssertionFormatException e) {
                throw new AssertionFormatException(type.name() + " assertion: " + e.getMessage());
            }
        }
    }

    static String utf8(byte[] bytes, String problem) throws AssertionFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AssertionFormatException(problem);
        }
    }

    static int indexOfBlankLine(byte[] bytes, int from) {
        return indexOfBlankLine(bytes, from, bytes.length);
    }

    /** Returns the index of the first {@code "\n\n"} within {@code [from, to)}, or -1. */
    static int indexOfBlankLine(byte[] bytes, int from, int to) {
        for (int i = from; i + 1 < to; i++) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOfBlankLine(byte[] bytes) {
        for (int i = bytes.length - 2; i >= 0; i--) {
            if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

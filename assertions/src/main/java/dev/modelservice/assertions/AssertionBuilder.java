package dev.modelservice.assertions;

import static dev.modelservice.assertions.HeaderText.quote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Builds and signs an assertion with snapd's header order and layout: {@code type},
 * {@code format} when above 0, {@code authority-id}, {@code revision} when above 0, the
 * primary key headers in the type's order, the other headers in lexicographic order,
 * {@code body-length} when there is a body, and {@code sign-key-sha3-384} last (snapd's
 * {@code assembleAndSign}).
 *
 * <p>The result is decoded again before it is returned, so it passes every check that
 * decoding applies; the signature is verified with the given public key, so a signer that
 * returns bad bytes is caught here rather than on a device.
 */
public final class AssertionBuilder {
    private static final Set<String> PLACED_HEADERS =
            Set.of("type", "format", "authority-id", "signatory-id", "revision", "body-length", "sign-key-sha3-384");

    private final AssertionType type;
    private final Map<String, Object> headers = new LinkedHashMap<>();
    private byte[] body = new byte[0];

    private AssertionBuilder(AssertionType type) {
        this.type = type;
    }

    public static AssertionBuilder of(AssertionType type) {
        return new AssertionBuilder(type);
    }

    /**
     * Sets a header: a string, or lists and maps nested with strings as the only scalars.
     * {@code type}, {@code body-length} and {@code sign-key-sha3-384} are set by the builder.
     */
    public AssertionBuilder header(String name, Object value) {
        if (!HeaderText.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid header name: " + quote(name));
        }
        if (name.equals("type") || name.equals("body-length") || name.equals("sign-key-sha3-384")) {
            throw new IllegalArgumentException(quote(name) + " header is set by the builder, not by the caller");
        }
        headers.put(name, HeaderText.checkedCopy(name, value));
        return this;
    }

    public AssertionBuilder headers(Map<String, ?> values) {
        values.forEach(this::header);
        return this;
    }

    public AssertionBuilder body(byte[] bytes) {
        this.body = bytes.clone();
        return this;
    }

    public AssertionBuilder body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Signs the assertion.
     *
     * @param signingKey the public half of the signing key, for the {@code sign-key-sha3-384} header
     *     and the check of the signature
     * @param signatureTime the creation time written into the signature packet
     * @param signer computes RSA PKCS#1 v1.5 SHA-512 signature bytes with the private half
     * @throws AssertionFormatException when the headers do not make a valid assertion of the type
     * @throws AssertionVerificationException when the signer's bytes do not verify with {@code signingKey}
     * @throws E when the signer fails
     */
    public <E extends Exception> Assertion sign(AssertionPublicKey signingKey, Instant signatureTime,
            ContentSigner<E> signer) throws AssertionFormatException, AssertionVerificationException, E {
        byte[] content = encodeContent(signingKey.id());

        byte[] trailer = AssertionSignature.trailer(signatureTime);
        byte[] signedData = concat(content, trailer);
        byte[] rsaSignature = signer.sign(signedData);
        // snapd ends the signature with a line break, which the signature does not cover, so
        // that an assertion printed to a terminal ends its last line.
        byte[] signatureText = concat(AssertionSignature.encode(signatureTime, hashTag(signedData), rsaSignature),
                new byte[] {'\n'});

        byte[] encoded = concat(concat(content, "\n\n".getBytes(StandardCharsets.US_ASCII)), signatureText);
        Assertion assertion = AssertionDecoder.decode(encoded);
        try {
            AssertionSignature.parse(assertion.signatureText()).verify(assertion.signedContent(), signingKey);
        } catch (AssertionVerificationException e) {
            throw new AssertionVerificationException("the signer returned a signature that does not verify with key "
                    + signingKey.id() + ": " + e.getMessage(), e);
        }
        return assertion;
    }

    private byte[] encodeContent(String signKeyId) throws AssertionFormatException {
        Map<String, Object> all = new LinkedHashMap<>(headers);
        all.put("type", type.name());
        all.put("sign-key-sha3-384", signKeyId);
        int format = HeaderChecks.iteration(all, "format");
        if (format > type.maxSupportedFormat()) {
            throw new AssertionFormatException("cannot sign a " + type.name() + " assertion with format " + format
                    + ": snapd supports up to format " + type.maxSupportedFormat());
        }
        if (type.withoutAuthority() && (all.containsKey("authority-id") || all.containsKey("signatory-id"))) {
            throw new AssertionFormatException(type.name() + " assertions are self-signed and cannot have"
                    + " \"authority-id\" or \"signatory-id\" set");
        }
        int revision = HeaderChecks.iteration(all, "revision");
        AssertionDecoder.utf8(body, "the body is not valid UTF-8");

        StringBuilder text = new StringBuilder("type: ").append(type.name());
        if (format > 0) {
            append(text, "format", all);
        }
        if (!type.withoutAuthority()) {
            append(text, "authority-id", all);
            if (all.containsKey("signatory-id") && !all.get("signatory-id").equals(all.get("authority-id"))) {
                append(text, "signatory-id", all);
            }
        }
        if (revision > 0) {
            append(text, "revision", all);
        }
        for (String name : orderedHeaderNames(all)) {
            append(text, name, all);
        }
        if (body.length > 0) {
            HeaderText.appendEntry(text, "body-length:", Integer.toString(body.length), 0);
        }
        append(text, "sign-key-sha3-384", all);

        ByteArrayOutputStream content = new ByteArrayOutputStream(text.length() + body.length + 2);
        content.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        if (body.length > 0) {
            content.write('\n');
            content.write('\n');
            content.writeBytes(body);
        }
        return content.toByteArray();
    }

    /** Returns the primary key headers in the type's order, then the rest sorted. */
    private List<String> orderedHeaderNames(Map<String, Object> all) {
        List<String> names = new ArrayList<>();
        for (String name : type.primaryKey()) {
            String defaultValue = type.optionalPrimaryKeyDefaults().get(name);
            if (defaultValue != null && (!all.containsKey(name) || defaultValue.equals(all.get(name)))) {
                continue;
            }
            names.add(name);
        }
        Set<String> others = new TreeSet<>(all.keySet());
        others.removeAll(PLACED_HEADERS);
        others.removeAll(type.primaryKey());
        names.addAll(others);
        return names;
    }

    private static void append(StringBuilder text, String name, Map<String, Object> all) {
        Object value = all.get(name);
        if (value != null) {
            HeaderText.appendEntry(text, name + ":", value, 0);
        }
    }

    private static byte[] hashTag(byte[] signedData) {
        SHA512Digest digest = new SHA512Digest();
        digest.update(signedData, 0, signedData.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return new byte[] {hash[0], hash[1]};
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}

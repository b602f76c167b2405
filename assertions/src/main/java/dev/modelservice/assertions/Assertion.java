package dev.modelservice.assertions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One decoded or freshly signed assertion: its headers, body, the exact signed bytes and
 * the signature text. Immutable.
 *
 * <p>The signed bytes are kept as they arrived, because the signature covers them and not
 * a re-encoding. {@link #encode()} writes them back unchanged.
 */
public final class Assertion {
    private final AssertionType type;
    private final Map<String, Object> headers;
    private final byte[] body;
    private final byte[] content;
    private final byte[] signature;
    private final int format;
    private final int revision;

    Assertion(AssertionType type, Map<String, Object> headers, byte[] body, byte[] content, byte[] signature,
            int format, int revision) {
        this.type = type;
        this.headers = headers;
        this.body = body;
        this.content = content;
        this.signature = signature;
        this.format = format;
        this.revision = revision;
    }

    public AssertionType type() {
        return type;
    }

    /** Headers in their order in the signed text; values are strings, lists or maps, unmodifiable. */
    public Map<String, Object> headers() {
        return headers;
    }

    /** Returns a header's value (a string, list or map), or null when it is absent. */
    public Object header(String name) {
        return headers.get(name);
    }

    /** Returns a header's value when it is a string, or null when it is absent or not a string. */
    public String headerString(String name) {
        return headers.get(name) instanceof String text ? text : null;
    }

    public int format() {
        return format;
    }

    /** Whether snapd 2.57 supports this format of the type; an unsupported one fails verification. */
    public boolean supportedFormat() {
        return format <= type.maxSupportedFormat();
    }

    public int revision() {
        return revision;
    }

    /** Returns the {@code authority-id}, or null for the self-signed types. */
    public String authorityId() {
        return headerString("authority-id");
    }

    /** Returns the SHA3-384 key id of the key that signed this assertion. */
    public String signKeyId() {
        return headerString("sign-key-sha3-384");
    }

    /** Returns the primary key values in the type's order. */
    public List<String> primaryKey() {
        List<String> values = new ArrayList<>(type.primaryKey().size());
        for (String name : type.primaryKey()) {
            values.add(headerString(name));
        }
        return values;
    }

    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns the bytes the signature covers: from {@code type:} to the end of the body. */
    public byte[] signedContent() {
        return content.clone();
    }

    /** Returns the signature as it appears in the text: base64 lines, before any decoding. */
    public byte[] signatureText() {
        return signature.clone();
    }

    /** Encodes this assertion: the signed content, a blank line, and the signature. */
    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 2 + signature.length);
        out.writeBytes(content);
        out.write('\n');
        out.write('\n');
        out.writeBytes(signature);
        return out.toByteArray();
    }

    /** Returns a reference such as {@code serial (brand-id=acme, model=gw, serial=42)}. */
    public String reference() {
        StringBuilder text = new StringBuilder(type.name()).append(" (");
        List<String> names = type.primaryKey();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(names.get(i)).append('=').append(headerString(names.get(i)));
        }
        return text.append(')').toString();
    }

    @Override
    public String toString() {
        return revision > 0 ? reference() + " revision " + revision : reference();
    }
}

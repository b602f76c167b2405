package dev.modelservice.assertions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Decodes a stream of assertions separated by blank lines, as snapd's {@code asserts.Decoder}
 * does for HTTP bodies, with its size limits.
 *
 * <p>Unlike {@link AssertionDecoder#decode(byte[])}, it reads the body by its
 * {@code body-length}, so a signature may be followed by an extra blank line. Not thread-safe.
 */
public final class AssertionStreamDecoder {
    /** snapd's limit on the header block of one assertion, in bytes. */
    public static final int MAX_HEADERS_SIZE = 128 * 1024;
    /** snapd's limit on the signature text of one assertion, in bytes. */
    public static final int MAX_SIGNATURE_SIZE = 128 * 1024;
    /** snapd's default limit on the body of one assertion, in bytes. */
    public static final int MAX_BODY_SIZE = 2 * 1024 * 1024;

    private static final int READ_CHUNK = 8192;

    private final InputStream in;
    private final int maxBodySize;
    private byte[] buffer = new byte[READ_CHUNK];
    private int start;
    private int end;
    private boolean endOfInput;

    public AssertionStreamDecoder(InputStream in) {
        this(in, MAX_BODY_SIZE);
    }

    public AssertionStreamDecoder(InputStream in, int maxBodySize) {
        this.in = in;
        this.maxBodySize = maxBodySize;
    }

    /** Decodes every assertion of a complete text. */
    public static List<Assertion> decodeAll(byte[] text) throws AssertionFormatException {
        AssertionStreamDecoder decoder = new AssertionStreamDecoder(new java.io.ByteArrayInputStream(text));
        List<Assertion> assertions = new ArrayList<>();
        try {
            for (Assertion next = decoder.next(); next != null; next = decoder.next()) {
                assertions.add(next);
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
        return assertions;
    }

    /**
     * Decodes the next assertion.
     *
     * @return the assertion, or null at the clean end of the stream
     * @throws AssertionFormatException when the stream is not a well-formed sequence of assertions
     * @throws IOException when reading the stream fails
     */
    public Assertion next() throws AssertionFormatException, IOException {
        byte[] headAndSeparator = readUntilBlankLine(MAX_HEADERS_SIZE, "headers");
        if (headAndSeparator == null) {
            if (end > start) {
                throw new AssertionFormatException("the stream ends inside an assertion's headers");
            }
            return null;
        }
        int headLength = headAndSeparator.length - 2;
        Map<String, Object> headers = AssertionDecoder.parseHeaders(Arrays.copyOf(headAndSeparator, headLength));

        int bodyLength = bodyLength(headers);
        ByteArrayOutputStream content = new ByteArrayOutputStream(headAndSeparator.length + bodyLength);
        content.writeBytes(headAndSeparator);
        if (bodyLength > 0) {
            content.writeBytes(readExactly(bodyLength));
        }

        Trailer trailer = readTrailer(bodyLength);
        byte[] contentBytes = content.toByteArray();
        if (!trailer.separatorBeforeSignature()) {
            contentBytes = Arrays.copyOf(contentBytes, headLength);
        }
        byte[] body = Arrays.copyOfRange(contentBytes, Math.min(contentBytes.length, headLength + 2),
                contentBytes.length);
        return AssertionDecoder.assemble(headers, body, contentBytes, trailer.signature());
    }

    /**
     * The part after the body: the signature, and whether a blank line separated it from the
     * body. Only without that blank line does the signed content end with the headers.
     */
    private record Trailer(byte[] signature, boolean separatorBeforeSignature) {
    }

    private int bodyLength(Map<String, Object> headers) throws AssertionFormatException {
        int bodyLength = HeaderChecks.intWithDefault(headers, "body-length", 0);
        if (bodyLength > maxBodySize) {
            throw new AssertionFormatException("the \"body-length\" header, " + bodyLength
                    + " bytes, exceeds the maximum body size of " + maxBodySize + " bytes");
        }
        return bodyLength;
    }

    /**
     * Reads what follows the body. With a body, a blank line must come first, then the
     * signature; without one, the signature may follow the headers' blank line directly.
     */
    private Trailer readTrailer(int bodyLength) throws AssertionFormatException, IOException {
        byte[] afterBody = readUntilBlankLineOrEnd(MAX_SIGNATURE_SIZE, "signature");
        boolean separator = afterBody.length == 2 && afterBody[0] == '\n' && afterBody[1] == '\n';
        byte[] signature;
        if (separator) {
            signature = readUntilBlankLineOrEnd(MAX_SIGNATURE_SIZE, "signature");
        } else if (bodyLength > 0) {
            throw new AssertionFormatException("no blank line separates the body from the signature");
        } else {
            signature = afterBody;
        }
        if (endsWithBlankLine(signature)) {
            signature = Arrays.copyOf(signature, signature.length - 1);
        }
        return new Trailer(signature, separator);
    }

    /** Returns the bytes up to and including the next blank line, or null when the input ends first. */
    private byte[] readUntilBlankLine(int maxSize, String part) throws AssertionFormatException, IOException {
        int scanned = 0;
        while (true) {
            int found = AssertionDecoder.indexOfBlankLine(buffer, start + Math.max(0, scanned - 1), end);
            int length = found == -1 ? end - start : found + 2 - start;
            if (length > maxSize) {
                throw new AssertionFormatException("the " + part + " exceed the maximum size of " + maxSize
                        + " bytes while looking for a blank line");
            }
            if (found != -1) {
                return take(length);
            }
            scanned = end - start;
            if (!fill()) {
                return null;
            }
        }
    }

    private byte[] readUntilBlankLineOrEnd(int maxSize, String part) throws AssertionFormatException, IOException {
        byte[] upToBlankLine = readUntilBlankLine(maxSize, part);
        if (upToBlankLine != null) {
            return upToBlankLine;
        }
        // snapd's reader gives up once it has buffered the maximum without finding a blank
        // line, so text that ends there is rejected too.
        if (end - start >= maxSize) {
            throw new AssertionFormatException("the " + part + " reach the maximum size of " + maxSize + " bytes");
        }
        return take(end - start);
    }

    private byte[] readExactly(int length) throws AssertionFormatException, IOException {
        while (end - start < length) {
            if (!fill()) {
                throw new AssertionFormatException("the stream ends inside an assertion's body: " + length
                        + " bytes were declared, " + (end - start) + " arrived");
            }
        }
        return take(length);
    }

    private byte[] take(int length) {
        byte[] taken = Arrays.copyOfRange(buffer, start, start + length);
        start += length;
        return taken;
    }

    /** Reads more input into the buffer; returns false at the end of the input. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read == -1) {
            endOfInput = true;
            return false;
        }
        end += read;
        return true;
    }

    private static boolean endsWithBlankLine(byte[] bytes) {
        int n = bytes.length;
        return n >= 2 && bytes[n - 1] == '\n' && bytes[n - 2] == '\n';
    }
}

package dev.modelservice.assertions;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes a stream of assertions as snapd's {@code asserts.Encoder} does: each assertion
 * ends with a line break, and a blank line separates it from the next.
 */
public final class AssertionStreamEncoder {
    private AssertionStreamEncoder() {
    }

    public static byte[] encode(List<Assertion> assertions) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Assertion assertion : assertions) {
            if (stream.size() > 0) {
                stream.write('\n');
            }
            byte[] encoded = assertion.encode();
            stream.writeBytes(encoded);
            if (encoded.length == 0 || encoded[encoded.length - 1] != '\n') {
                stream.write('\n');
            }
        }
        return stream.toByteArray();
    }
}

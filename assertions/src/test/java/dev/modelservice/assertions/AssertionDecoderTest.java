package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rejections of malformed text, each message naming the fault and the header or line involved. */
class AssertionDecoderTest {
    private static final String SERIAL = new String(FixtureCorpus.read("valid-serial.assert"), StandardCharsets.UTF_8);
    private static final String REQUEST_WITH_BODY =
            new String(FixtureCorpus.read("valid-serial-request-with-body.assert"), StandardCharsets.UTF_8);

    private static String rejectionOf(String text) {
        return assertThrows(AssertionFormatException.class,
                () -> AssertionDecoder.decode(text.getBytes(StandardCharsets.UTF_8))).getMessage();
    }

    @Test
    void missingHeaderIsNamed() {
        String message = rejectionOf(SERIAL.replaceFirst("timestamp: [^\n]*\n", ""));

        assertTrue(message.contains("\"timestamp\" header is mandatory"), message);
    }

    @Test
    void repeatedHeaderIsNamed() {
        String message = rejectionOf(SERIAL.replaceFirst("model: gateway-20\n", "model: gateway-20\nmodel: other\n"));

        assertTrue(message.contains("repeated header: \"model\""), message);
    }

    @Test
    void badIndentationQuotesTheLine() {
        String message = rejectionOf(SERIAL.replaceFirst("device-key:\n    ", "device-key:\n   "));

        assertTrue(message.contains("\"device-key:\""), message);
    }

    @Test
    void bodyLengthMismatchGivesBothLengths() {
        String message = rejectionOf(REQUEST_WITH_BODY.replaceFirst("body-length: (\\d+)", "body-length: 3"));

        assertTrue(message.contains("\"body-length\" header says 3"), message);
    }

    @Test
    void invalidUtf8IsRejected() {
        byte[] text = SERIAL.getBytes(StandardCharsets.UTF_8);
        text[SERIAL.indexOf("ACME-0000042")] = (byte) 0xff;

        AssertionFormatException error = assertThrows(AssertionFormatException.class, () -> AssertionDecoder.decode(text));
        assertTrue(error.getMessage().contains("UTF-8"), error.getMessage());
    }

    @Test
    void unknownTypeIsQuoted() {
        String message = rejectionOf(SERIAL.replaceFirst("type: serial", "type: serial-number"));

        assertTrue(message.contains("\"serial-number\""), message);
    }

    @Test
    void missingSignatureSeparatorIsRejected() {
        String message = rejectionOf("type: serial\nauthority-id: acme");

        assertTrue(message.contains("blank line"), message);
    }

    @Test
    void leadingZerosInRevisionAreRejected() {
        String message = rejectionOf(SERIAL.replaceFirst("authority-id: acme-corp\n",
                "authority-id: acme-corp\nrevision: 01\n"));

        assertTrue(message.contains("\"revision\""), message);
    }

    @Test
    void streamReadsTwoAssertions() throws Exception {
        String stream = SERIAL + "\n" + REQUEST_WITH_BODY;

        List<Assertion> assertions = AssertionStreamDecoder.decodeAll(stream.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("serial", "serial-request"), assertions.stream().map(a -> a.type().name()).toList());
    }

    @Test
    void streamEndingInsideBodyIsRejected() {
        String truncated = REQUEST_WITH_BODY.substring(0, REQUEST_WITH_BODY.indexOf("\n\n") + 4);

        AssertionFormatException error = assertThrows(AssertionFormatException.class,
                () -> AssertionStreamDecoder.decodeAll(truncated.getBytes(StandardCharsets.UTF_8)));
        assertTrue(error.getMessage().contains("body"), error.getMessage());
    }

    @Test
    void streamRejectsHeadersOverLimit() {
        String huge = "type: account\nnote: " + "x".repeat(AssertionStreamDecoder.MAX_HEADERS_SIZE + 10) + "\n\nsig";

        AssertionFormatException error = assertThrows(AssertionFormatException.class,
                () -> new AssertionStreamDecoder(new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8)))
                        .next());
        assertTrue(error.getMessage().contains("maximum size"), error.getMessage());
    }

    @Test
    void streamRejectsBodyLengthOverLimit() {
        String text = REQUEST_WITH_BODY.replaceFirst("body-length: (\\d+)", "body-length: 4096");

        AssertionFormatException error = assertThrows(AssertionFormatException.class,
                () -> new AssertionStreamDecoder(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024)
                        .next());
        assertTrue(error.getMessage().contains("4096"), error.getMessage());
    }

    @Test
    void streamEndsCleanlyAfterLastAssertion() throws Exception {
        AssertionStreamDecoder decoder =
                new AssertionStreamDecoder(new ByteArrayInputStream(SERIAL.getBytes(StandardCharsets.UTF_8)));

        decoder.next();

        assertEquals(null, decoder.next());
    }
}

package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class AssertionStreamEncoderTest {
    private static final Assertion SERIAL = FixtureCorpus.decodeAll("valid-serial.assert").get(0);
    private static final Assertion REQUEST = FixtureCorpus.decodeAll("valid-serial-request-with-body.assert").get(0);

    @Test
    void streamDecodesToSameAssertions() throws Exception {
        byte[] stream = AssertionStreamEncoder.encode(List.of(SERIAL, REQUEST));

        List<Assertion> decoded = AssertionStreamDecoder.decodeAll(stream);

        assertEquals(List.of(SERIAL.reference(), REQUEST.reference()),
                decoded.stream().map(Assertion::reference).toList());
    }

    @Test
    void assertionsAreSeparatedByOneBlankLine() {
        String stream = new String(AssertionStreamEncoder.encode(List.of(SERIAL, REQUEST)), StandardCharsets.UTF_8);

        String firstEncoded = new String(SERIAL.encode(), StandardCharsets.UTF_8);
        String expectedJoint = firstEncoded.endsWith("\n") ? firstEncoded + "\ntype: serial-request\n"
                : firstEncoded + "\n\ntype: serial-request\n";
        assertTrue(stream.startsWith(expectedJoint), stream);
    }

    @Test
    void streamEndsWithOneLineBreak() {
        byte[] stream = AssertionStreamEncoder.encode(List.of(SERIAL));

        assertEquals('\n', stream[stream.length - 1], "last byte");
        assertTrue(stream[stream.length - 2] != '\n', "no blank line at the end");
    }
}

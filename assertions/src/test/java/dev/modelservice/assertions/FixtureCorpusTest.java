package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of the snapd-judged corpus gets snapd's verdict from our codec, at the same stage. */
class FixtureCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<FixtureCorpus.Case> validCases() {
        return FixtureCorpus.cases().filter(FixtureCorpus.Case::valid);
    }

    static Stream<FixtureCorpus.Case> invalidCases() {
        return FixtureCorpus.cases().filter(c -> !c.valid());
    }

    static Stream<FixtureCorpus.Case> casesSnapdStreamDecoderAccepts() {
        return FixtureCorpus.cases().filter(c -> c.verdict().get("stream-decoder").get("error").isNull());
    }

    static Stream<FixtureCorpus.Case> casesSnapdStreamDecoderRejects() {
        return FixtureCorpus.cases().filter(c -> !c.verdict().get("stream-decoder").get("error").isNull());
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseHasSnapdHeaders(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        Object expected = JSON.convertValue(fixture.verdict().get("headers"), Map.class);
        assertEquals(expected, assertion.headers());
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseHasSnapdBody(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        assertEquals(fixture.verdict().get("body").asText(), assertion.bodyText());
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseHasSnapdPrimaryKey(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        List<String> expected = new ArrayList<>();
        fixture.verdict().get("primary-key").forEach(value -> expected.add(value.asText()));
        assertEquals(expected, assertion.primaryKey());
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseHasSnapdFormatAndRevision(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        assertEquals(fixture.verdict().get("format").asInt(), assertion.format(), "format");
        assertEquals(fixture.verdict().get("revision").asInt(), assertion.revision(), "revision");
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseReEncodesToSameBytes(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        assertArrayEquals(fixture.bytes(), assertion.encode());
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validCaseVerifies(FixtureCorpus.Case fixture) throws Exception {
        Assertion assertion = AssertionDecoder.decode(fixture.bytes());

        assertDoesNotThrow(() -> verify(fixture, assertion));
    }

    @ParameterizedTest
    @MethodSource("invalidCases")
    void invalidCaseIsRejectedAtSnapdStage(FixtureCorpus.Case fixture) {
        AssertionException.Stage expected =
                AssertionException.Stage.valueOf(fixture.verdict().get("stage").asText().toUpperCase());

        AssertionException rejection = assertThrows(AssertionException.class, () -> {
            Assertion assertion = AssertionDecoder.decode(fixture.bytes());
            verify(fixture, assertion);
        });
        assertEquals(expected, rejection.stage(), rejection.getMessage());
    }

    @ParameterizedTest
    @MethodSource("casesSnapdStreamDecoderAccepts")
    void streamDecoderDecodesAsSnapd(FixtureCorpus.Case fixture) {
        JsonNode expected = fixture.verdict().get("stream-decoder");

        List<Assertion> decoded = assertDoesNotThrow(() -> AssertionStreamDecoder.decodeAll(fixture.bytes()));
        List<String> types = decoded.stream().map(a -> a.type().name()).toList();
        assertEquals(JSON.convertValue(expected.get("types"), List.class), types);
    }

    @ParameterizedTest
    @MethodSource("casesSnapdStreamDecoderRejects")
    void streamDecoderRejectsAsSnapd(FixtureCorpus.Case fixture) {
        assertThrows(AssertionFormatException.class, () -> AssertionStreamDecoder.decodeAll(fixture.bytes()));
    }

    /** Checks the assertion the way snapd checked it, as the case's verdict records. */
    private static void verify(FixtureCorpus.Case fixture, Assertion assertion) throws AssertionException {
        String verifiedWith = fixture.verdict().path(fixture.valid() ? "signature-verifies-with" : "verify-with")
                .asText("");
        if (verifiedWith.startsWith("self")) {
            AssertionVerifier.verifySelfSigned(assertion);
        } else if (fixture.name().startsWith("real-")) {
            TestDatabases.canonical().check(assertion, Instant.now());
        } else {
            TestDatabases.corpusKeys().check(assertion, Instant.now());
        }
    }
}

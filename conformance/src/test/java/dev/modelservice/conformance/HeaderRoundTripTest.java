package dev.modelservice.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionType;

import java.time.Instant;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: any headers, however nested and whatever their characters, come back from our
 * decoder exactly as they went into our encoder. A sample of the same generator also goes
 * through snapd's decoder in {@link OurSignedCasesTest}.
 */
class HeaderRoundTripTest {
    private static final int SEEDS = 400;

    private static SoftwareKey key;

    @BeforeAll
    static void generateKey() throws Exception {
        key = SoftwareKey.generate(2048);
    }

    static LongStream seeds() {
        return LongStream.range(0, SEEDS);
    }

    /** Builds an account assertion carrying the random headers, seeded so a failure can be replayed. */
    static Assertion signedAccount(long seed, Map<String, Object> randomHeaders, SoftwareKey signingKey)
            throws Exception {
        return AssertionBuilder.of(AssertionType.ACCOUNT)
                .header("authority-id", "testrootorg")
                .header("account-id", "random-" + seed)
                .header("display-name", "Random " + seed)
                .header("validation", "unproven")
                .header("timestamp", "2025-01-01T00:00:00Z")
                .headers(randomHeaders)
                .sign(signingKey.publicKey(), Instant.parse("2025-01-01T00:00:00Z"), signingKey::sign);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void headersSurviveRoundTrip(long seed) throws Exception {
        Map<String, Object> randomHeaders = new RandomHeaders(seed).headers(4);
        Assertion signed = signedAccount(seed, randomHeaders, key);

        Assertion decoded = AssertionDecoder.decode(signed.encode());

        for (Map.Entry<String, Object> header : randomHeaders.entrySet()) {
            assertEquals(header.getValue(), decoded.header(header.getKey()), header.getKey());
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void decodedAssertionEncodesToSameBytes(long seed) throws Exception {
        Assertion signed = signedAccount(seed, new RandomHeaders(seed).headers(4), key);

        assertArrayEquals(signed.encode(), AssertionDecoder.decode(signed.encode()).encode());
    }
}

package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Corners where snapd 2.57.6 (built with Go 1.19) decides otherwise than a strict reading would. */
class SnapdEdgeCasesTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private static SoftwareKey key;

    @BeforeAll
    static void generateKey() {
        key = SoftwareKey.generate(2048);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-05-01T12:00:00Z, 2024-05-01T12:00:00Z",
        "2024-05-01T1:00:00Z, 2024-05-01T01:00:00Z",
        "'2024-05-01T12:00:00,5Z', 2024-05-01T12:00:00.500Z",
        "2024-05-01T12:00:00.1234567891Z, 2024-05-01T12:00:00.123456789Z",
        "2024-05-01T12:00:00+02:00, 2024-05-01T10:00:00Z",
        "2024-05-01T12:00:00-00:30, 2024-05-01T12:30:00Z",
        "2024-05-01T12:00:00+24:00, 2024-04-30T12:00:00Z"})
    void goAcceptsTime(String text, String expected) {
        assertEquals(Instant.parse(expected), GoRfc3339.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-5-01T12:00:00Z", "2024-02-30T12:00:00Z", "2024-05-01T24:00:00Z",
        "2024-05-01T12:00:60Z", "2024-05-01 12:00:00Z", "2024-05-01T12:00:00", "2024-05-01T12:00:00Zx",
        "2024-05-01T12:00:00+0200", "2024-05-01T12:00:00.Z"})
    void goRejectsTime(String text) {
        assertNull(GoRfc3339.parse(text));
    }

    @Test
    void paddedTextIsAccepted() {
        // "AQE=" is base64 of the version byte 0x01 and one packet byte, 0x01.
        assertEquals(1, Base64Text.decode("AQE=".getBytes(StandardCharsets.US_ASCII), "public key").length);
    }

    @Test
    void unpaddedTextIsRejected() {
        byte[] unpadded = "AQE".getBytes(StandardCharsets.US_ASCII);

        assertThrows(IllegalArgumentException.class, () -> Base64Text.decode(unpadded, "public key"));
    }

    @Test
    void explicitEmptyBodyKeepsSeparatorInSignedContent() throws Exception {
        byte[] content = ("type: account\nauthority-id: acme\naccount-id: acme\ndisplay-name: Acme\n"
                + "validation: verified\ntimestamp: 2024-01-01T00:00:00Z\nbody-length: 0\nsign-key-sha3-384: "
                + key.publicKey().id() + "\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] signed = signRaw(content);

        Assertion decoded = AssertionStreamDecoder.decodeAll(signed).get(0);

        assertDoesNotThrow(() -> AssertionVerifier.verifySignature(decoded, key.publicKey()));
    }

    @Test
    void builderRejectsFormatAboveSupported() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL_REQUEST).header("format", "1")
                .header("brand-id", "acme").header("model", "gw").header("request-id", "r")
                .header("device-key", key.publicKey().encode());

        assertThrows(AssertionFormatException.class, () -> builder.sign(key.publicKey(), SIGNED_AT, key::sign));
    }

    @Test
    void builderRejectsAuthorityOnSelfSignedType() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL_REQUEST).header("authority-id", "acme")
                .header("brand-id", "acme").header("model", "gw").header("request-id", "r")
                .header("device-key", key.publicKey().encode());

        assertThrows(AssertionFormatException.class, () -> builder.sign(key.publicKey(), SIGNED_AT, key::sign));
    }

    @Test
    void batchKeepsNewestRevision() throws Exception {
        List<Assertion> chain = FixtureCorpus.decodeAll("keys/chain.assert");
        AssertionDatabase database = new AssertionDatabase(FixtureCorpus.decodeAll("keys/trusted.assert"));
        List<Assertion> twice = new java.util.ArrayList<>(chain);
        twice.addAll(chain);

        assertDoesNotThrow(() -> database.addAll(twice, Instant.now()));
    }

    /**
     * Signs content the builder never writes: here the headers followed by the blank line that
     * opens an empty body, which snapd's stream decoder keeps in the signed content.
     */
    private static byte[] signRaw(byte[] content) throws Exception {
        byte[] toSign = concat(content, AssertionSignature.trailer(SIGNED_AT));
        org.bouncycastle.crypto.digests.SHA512Digest digest = new org.bouncycastle.crypto.digests.SHA512Digest();
        digest.update(toSign, 0, toSign.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);

        byte[] signature = AssertionSignature.encode(SIGNED_AT, new byte[] {hash[0], hash[1]}, key.sign(toSign));
        return concat(concat(content, "\n\n".getBytes(StandardCharsets.US_ASCII)), signature);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}

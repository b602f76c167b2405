package dev.modelservice.assertions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AssertionBuilderTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");

    private static SoftwareKey brandKey;
    private static SoftwareKey deviceKey;

    @BeforeAll
    static void generateKeys() {
        brandKey = SoftwareKey.generate(2048);
        deviceKey = SoftwareKey.generate(2048);
    }

    private static AssertionBuilder serial() {
        return AssertionBuilder.of(AssertionType.SERIAL)
                .header("timestamp", "2026-01-02T03:04:05Z")
                .header("serial", "SN-1")
                .header("model", "gateway")
                .header("device-key", deviceKey.publicKey().encode())
                .header("device-key-sha3-384", deviceKey.publicKey().id())
                .header("brand-id", "acme")
                .header("authority-id", "acme");
    }

    private static String text(Assertion assertion) {
        return new String(assertion.signedContent(), StandardCharsets.UTF_8);
    }

    @Test
    void serialVerifiesWithBrandKey() throws Exception {
        Assertion assertion = serial().sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        assertDoesNotThrow(() -> AssertionVerifier.verifySignature(assertion, brandKey.publicKey()));
    }

    @Test
    void serialDoesNotVerifyWithOtherKey() throws Exception {
        Assertion assertion = serial().sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        assertThrows(AssertionVerificationException.class,
                () -> AssertionVerifier.verifySignature(assertion, deviceKey.publicKey()));
    }

    @Test
    void headersFollowSnapdOrder() throws Exception {
        Assertion assertion = serial().header("revision", "3").body("{}")
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        List<String> names = text(assertion).lines().filter(line -> !line.startsWith(" ") && line.contains(":"))
                .map(line -> line.substring(0, line.indexOf(':'))).toList();
        assertEquals(List.of("type", "authority-id", "revision", "brand-id", "model", "serial", "device-key",
                "device-key-sha3-384", "timestamp", "body-length", "sign-key-sha3-384"), names);
    }

    @Test
    void signKeyIdIsBrandKeyId() throws Exception {
        Assertion assertion = serial().sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        assertEquals(brandKey.publicKey().id(), assertion.signKeyId());
    }

    @Test
    void bodyLengthOnlyWithBody() throws Exception {
        Assertion withoutBody = serial().sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);
        Assertion withBody = serial().body("serial: SN-1\n").sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        assertEquals(null, withoutBody.header("body-length"), "no body");
        assertEquals("13", withBody.headerString("body-length"), "with body");
    }

    @Test
    void encodedAssertionEndsWithLineBreak() throws Exception {
        byte[] encoded = serial().sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign).encode();

        assertEquals('\n', encoded[encoded.length - 1]);
    }

    @Test
    void encodedAssertionDecodesToSameAssertion() throws Exception {
        Assertion assertion = serial().body("a body").sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        Assertion decoded = AssertionDecoder.decode(assertion.encode());

        assertArrayEquals(assertion.encode(), decoded.encode());
    }

    @Test
    void nestedValuesUseSnapdLayout() throws Exception {
        Map<String, Object> snap = new LinkedHashMap<>();
        snap.put("name", "pc");
        snap.put("modes", List.of("run", "ephemeral"));
        Assertion assertion = serial()
                .header("notes", "first line\nsecond line")
                .header("snaps", List.of(snap, "plain"))
                .sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign);

        String expected = "notes:\n    first line\n    second line\n"
                + "snaps:\n  -\n    modes:\n      - run\n      - ephemeral\n    name: pc\n  - plain\n";
        assertTrue(text(assertion).contains(expected), text(assertion));
    }

    @Test
    void signerReturningBadBytesIsCaught() {
        AssertionBuilder builder = serial();

        AssertionVerificationException error = assertThrows(AssertionVerificationException.class,
                () -> builder.sign(brandKey.publicKey(), SIGNED_AT, data -> new byte[256]));
        assertTrue(error.getMessage().contains(brandKey.publicKey().id()), error.getMessage());
    }

    @Test
    void signerFailurePassesThrough() {
        AssertionBuilder builder = serial();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> builder.sign(brandKey.publicKey(), SIGNED_AT, data -> {
                    throw new IllegalStateException("token unreachable");
                }));
        assertEquals("token unreachable", error.getMessage());
    }

    @Test
    void missingDeviceKeyIsRejected() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL)
                .header("authority-id", "acme").header("brand-id", "acme").header("model", "gateway")
                .header("serial", "SN-1").header("timestamp", "2026-01-02T03:04:05Z");

        AssertionFormatException error = assertThrows(AssertionFormatException.class,
                () -> builder.sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign));
        assertTrue(error.getMessage().contains("\"device-key\""), error.getMessage());
    }

    @Test
    void typeHeaderCannotBeSet() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL);

        assertThrows(IllegalArgumentException.class, () -> builder.header("type", "model"));
    }

    @Test
    void nonStringScalarIsRejected() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL);

        assertThrows(IllegalArgumentException.class, () -> builder.header("count", 3));
    }

    @Test
    void serialRequestVerifiesWithItsDeviceKey() throws Exception {
        Assertion request = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                .header("brand-id", "acme").header("model", "gateway").header("request-id", "nonce-1")
                .header("device-key", deviceKey.publicKey().encode())
                .sign(deviceKey.publicKey(), SIGNED_AT, deviceKey::sign);

        assertDoesNotThrow(() -> AssertionVerifier.verifySelfSigned(request));
    }

    @Test
    void serialRequestSignedByOtherKeyIsRejected() {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                .header("brand-id", "acme").header("model", "gateway").header("request-id", "nonce-1")
                .header("device-key", deviceKey.publicKey().encode());

        AssertionFormatException error = assertThrows(AssertionFormatException.class,
                () -> builder.sign(brandKey.publicKey(), SIGNED_AT, brandKey::sign));
        assertTrue(error.getMessage().contains("\"device-key\""), error.getMessage());
    }
}

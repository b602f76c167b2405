package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A response is valid when it contains one serial for the device, signed by the run's key. */
class SerialResponseCheckTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static KeyPair brandKey;
    private static AssertionPublicKey brandPublicKey;
    private static DeviceKey device;
    private static SerialResponseCheck check;

    @BeforeAll
    static void keys(@TempDir Path cache) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        brandKey = generator.generateKeyPair();
        brandPublicKey = AssertionPublicKey.of((RSAPublicKey) brandKey.getPublic());
        device = DeviceKeyPool.load(cache, 1, 2048, 1).keys().get(0);
        check = new SerialResponseCheck("acme", new AdminApi.Key("serials", "acme", brandPublicKey.id(),
                brandPublicKey.encode()));
    }

    private static byte[] serial(String brand, String model, String serialNumber) throws Exception {
        Assertion assertion = AssertionBuilder.of(AssertionType.SERIAL)
                .header("authority-id", brand)
                .header("brand-id", brand)
                .header("model", model)
                .header("serial", serialNumber)
                .header("device-key", device.publicKey().encode())
                .header("device-key-sha3-384", device.publicKey().id())
                .header("timestamp", NOW.toString())
                .sign(brandPublicKey, NOW, data -> {
                    Signature signature = Signature.getInstance("SHA512withRSA");
                    signature.initSign(brandKey.getPrivate());
                    signature.update(data);
                    return signature.sign();
                });
        return assertion.encode();
    }

    @Test
    void matchingSerialHolds() throws Exception {
        assertEquals(Outcome.OK, check.check(serial("acme", "gateway", "SN-1"), "gateway", "SN-1", device));
    }

    @Test
    void otherSerialNumberIsUnverified() throws Exception {
        Outcome outcome = check.check(serial("acme", "gateway", "SN-2"), "gateway", "SN-1", device);

        assertEquals(SerialResponseCheck.UNVERIFIED, outcome.errorKey());
        assertTrue(outcome.message().contains("acme/gateway/SN-2, not the requested acme/gateway/SN-1"),
                outcome.message());
    }

    @Test
    void tamperedSerialIsUnverified() throws Exception {
        String text = new String(serial("acme", "gateway", "SN-1"), StandardCharsets.UTF_8);
        byte[] tampered = text.replace("model: gateway", "model: gatewaz").getBytes(StandardCharsets.UTF_8);

        Outcome outcome = check.check(tampered, "gatewaz", "SN-1", device);

        assertEquals(SerialResponseCheck.UNVERIFIED, outcome.errorKey());
        assertTrue(outcome.message().contains("is invalid"), outcome.message());
    }

    @Test
    void bodyThatIsNoAssertionIsUnverified() {
        Outcome outcome = check.check("{\"message\": \"ok\"}".getBytes(StandardCharsets.UTF_8), "gateway", "SN-1",
                device);

        assertEquals(SerialResponseCheck.UNVERIFIED, outcome.errorKey());
    }

    @Test
    void errorBodyIsKeyedByStatusAndCode() {
        byte[] body = "{\"message\": \"serial SN-1 taken\", \"code\": \"serial-taken\", \"error_list\": []}"
                .getBytes(StandardCharsets.UTF_8);

        Outcome outcome = DeviceApi.errorOutcome(409, body);

        assertEquals("409 serial-taken", outcome.errorKey());
        assertEquals("serial SN-1 taken", outcome.message());
    }

    @Test
    void errorBodyWithoutJsonIsKeyedByStatus() {
        Outcome outcome = DeviceApi.errorOutcome(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8));

        assertEquals("502", outcome.errorKey());
        assertEquals("<html>Bad Gateway</html>", outcome.message());
    }
}

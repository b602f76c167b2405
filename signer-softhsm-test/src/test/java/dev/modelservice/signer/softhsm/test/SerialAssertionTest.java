package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SigningKey;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The codec signs a serial assertion with a brand key held in the token. */
@ExtendWith(SoftHsmExtension.class)
class SerialAssertionTest {
    private static final Instant SIGNED_AT = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void serialSignedInTokenVerifies(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey brandKey = signer.generateKey("brand-serial-key");
            AssertionPublicKey brandPublicKey = AssertionPublicKey.of(brandKey.publicKey());
            AssertionPublicKey deviceKey = newDeviceKey();

            Assertion serial = AssertionBuilder.of(AssertionType.SERIAL)
                    .header("authority-id", "acme")
                    .header("brand-id", "acme")
                    .header("model", "gateway")
                    .header("serial", "SN-0001")
                    .header("device-key", deviceKey.encode())
                    .header("device-key-sha3-384", deviceKey.id())
                    .header("timestamp", "2026-01-02T03:04:05Z")
                    .sign(brandPublicKey, SIGNED_AT, data -> signer.sign(brandKey.handle(), data));
            Assertion decoded = AssertionDecoder.decode(serial.encode());

            assertEquals(brandPublicKey.id(), decoded.signKeyId());
            assertArrayEquals(serial.signedContent(), decoded.signedContent());
            assertDoesNotThrow(() -> AssertionVerifier.verifySignature(decoded, brandPublicKey));
        }
    }

    /** Returns a new device public key; a device makes its own key pair, so the JDK generates this one. */
    private static AssertionPublicKey newDeviceKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return AssertionPublicKey.of((RSAPublicKey) generator.generateKeyPair().getPublic());
    }
}

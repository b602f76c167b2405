package dev.modelservice.server;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A device as snapd makes one on first boot: an RSA device key in memory and the
 * serial-request it signs with it. Its key is 2048 bits, smaller than snapd's 4096, to keep
 * the tests quick.
 */
final class TestDevice {
    private final KeyPair keyPair;
    private final AssertionPublicKey deviceKey;

    private TestDevice(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.deviceKey = AssertionPublicKey.of((RSAPublicKey) keyPair.getPublic());
    }

    static TestDevice generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new TestDevice(generator.generateKeyPair());
    }

    /** Returns the encoded serial-request for a brand, model, request-id and proposed serial. */
    byte[] serialRequest(String brandId, String model, String requestId, String serial) throws Exception {
        Assertion request = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                .header("brand-id", brandId)
                .header("model", model)
                .header("request-id", requestId)
                .header("device-key", deviceKey.encode())
                .header("serial", serial)
                .sign(deviceKey, Instant.now().truncatedTo(ChronoUnit.SECONDS), this::sign);
        return request.encode();
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(keyPair.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}

package dev.modelservice.cli;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.cli.admin.CommandFailedException;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A device as snapd makes one on first boot: an RSA device key, kept in memory only, and
 * the serial-request it signs with that key.
 */
final class TestDevice {
    private final KeyPair keyPair;
    private final AssertionPublicKey deviceKey;

    private TestDevice(KeyPair keyPair) {
        this.keyPair = keyPair;
        this.deviceKey = AssertionPublicKey.of((RSAPublicKey) keyPair.getPublic());
    }

    /** Generates a device key of {@code bits} bits; snapd's are 4096. */
    static TestDevice generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return new TestDevice(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime generates RSA keys", e);
        }
    }

    AssertionPublicKey deviceKey() {
        return deviceKey;
    }

    /**
     * Builds the serial-request that snapd sends (its {@code prepareSerialRequest}): brand,
     * model, the service's request-id, the device key and, when not null, the proposed serial.
     */
    Assertion serialRequest(String brandId, String model, String requestId, String serial) {
        AssertionBuilder builder = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                .header("brand-id", brandId)
                .header("model", model)
                .header("request-id", requestId)
                .header("device-key", deviceKey.encode());
        if (serial != null) {
            builder.header("serial", serial);
        }
        try {
            return builder.sign(deviceKey, Instant.now().truncatedTo(ChronoUnit.SECONDS), this::sign);
        } catch (AssertionException e) {
            throw new CommandFailedException("cannot build a serial-request for brand '" + brandId + "', model '"
                    + model + "'" + (serial != null ? ", serial '" + serial + "'" : "") + ": " + e.getMessage()
                    + "; check --brand, --model and --serial");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime signs with SHA512withRSA", e);
        }
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(keyPair.getPrivate());
        signature.update(data);
        return signature.sign();
    }

    @Override
    public String toString() {
        return "TestDevice[device-key=" + deviceKey.id() + "]";
    }
}

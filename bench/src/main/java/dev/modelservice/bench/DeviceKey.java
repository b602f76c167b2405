package dev.modelservice.bench;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionBuilder;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.assertions.AssertionType;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A device's RSA key pair, as snapd makes one on first boot, and the serial-requests it signs. */
final class DeviceKey {
    private final RSAPrivateCrtKey privateKey;
    private final AssertionPublicKey publicKey;

    DeviceKey(RSAPrivateCrtKey privateKey) {
        this.privateKey = privateKey;
        this.publicKey = AssertionPublicKey.of(publicHalf(privateKey));
    }

    private static RSAPublicKey publicHalf(RSAPrivateCrtKey privateKey) {
        try {
            BigInteger modulus = privateKey.getModulus();
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime builds RSA public keys", e);
        }
    }

    RSAPrivateCrtKey privateKey() {
        return privateKey;
    }

    AssertionPublicKey publicKey() {
        return publicKey;
    }

    /**
     * Builds and signs the serial-request that snapd sends (brand, model, request-id, device
     * key and the proposed serial) and returns the request body: that assertion alone.
     */
    byte[] serialRequest(String brand, String model, String requestId, String serial) {
        try {
            Assertion assertion = AssertionBuilder.of(AssertionType.SERIAL_REQUEST)
                    .header("brand-id", brand)
                    .header("model", model)
                    .header("request-id", requestId)
                    .header("device-key", publicKey.encode())
                    .header("serial", serial)
                    .sign(publicKey, Instant.now().truncatedTo(ChronoUnit.SECONDS), this::sign);
            return assertion.encode();
        } catch (AssertionException e) {
            throw new BenchException("cannot build a serial-request for brand '" + brand + "', model '" + model
                    + "', serial '" + serial + "': " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime signs with SHA512withRSA", e);
        }
    }

    private byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(privateKey);
        signature.update(data);
        return signature.sign();
    }

    @Override
    public String toString() {
        return "DeviceKey[" + publicKey.id() + "]";
    }
}

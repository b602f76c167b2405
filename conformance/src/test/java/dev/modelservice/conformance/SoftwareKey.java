package dev.modelservice.conformance;

import dev.modelservice.assertions.AssertionPublicKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/** An RSA key pair in memory, standing in for an HSM key when our codec signs test cases. */
final class SoftwareKey {
    private final KeyPair pair;
    private final AssertionPublicKey publicKey;

    private SoftwareKey(KeyPair pair) {
        this.pair = pair;
        this.publicKey = AssertionPublicKey.of((RSAPublicKey) pair.getPublic());
    }

    static SoftwareKey generate(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return new SoftwareKey(generator.generateKeyPair());
    }

    AssertionPublicKey publicKey() {
        return publicKey;
    }

    /** Signs with RSA PKCS#1 v1.5 over SHA-512, the mechanism the HSM plugin uses. */
    byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}

package dev.modelservice.cli;

import dev.modelservice.assertions.AssertionPublicKey;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/** RSA keys in memory for the test store and brands, which sign what the service only reads. */
final class SoftwareKeys {
    private SoftwareKeys() {
    }

    /** Generates a 2048-bit key pair, the smallest that the codec accepts, to keep tests quick. */
    static KeyPair rsaKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static AssertionPublicKey publicKey(KeyPair keyPair) {
        return AssertionPublicKey.of((RSAPublicKey) keyPair.getPublic());
    }

    /** Signs as a ContentSigner must: RSA PKCS#1 v1.5 over SHA-512. */
    static byte[] sign(KeyPair key, byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(key.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}

package dev.modelservice.assertions;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;

/** An RSA key pair in memory, standing in for an HSM key in codec tests. */
final class SoftwareKey {
    private final KeyPair pair;
    private final AssertionPublicKey publicKey;

    private SoftwareKey(KeyPair pair) {
        this.pair = pair;
        this.publicKey = AssertionPublicKey.of((RSAPublicKey) pair.getPublic());
    }

    static SoftwareKey generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return new SoftwareKey(generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    AssertionPublicKey publicKey() {
        return publicKey;
    }

    /** Signs with RSA PKCS#1 v1.5 over SHA-512, the mechanism an HSM applies for the codec. */
    byte[] sign(byte[] data) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA512withRSA");
        signature.initSign(pair.getPrivate());
        signature.update(data);
        return signature.sign();
    }
}

package dev.modelservice.signer.softhsm.test;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerProviders;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;

/** Creates PKCS#11 signers the way the service does, and checks their signatures with the JDK. */
final class Signers {
    private Signers() {
    }

    /** Creates the {@code pkcs11} provider's signer with {@code settings}, changed by {@code overrides}. */
    static Signer create(Map<String, String> settings, Map<String, String> overrides) throws SignerException {
        Map<String, String> merged = new HashMap<>(settings);
        merged.putAll(overrides);
        return SignerProviders.installed().provider("pkcs11").create(merged);
    }

    static Signer start(Map<String, String> settings) throws SignerException {
        Signer signer = create(settings, Map.of());
        signer.start();
        return signer;
    }

    /** Returns true when {@code signature} is a valid RSA PKCS#1 v1.5 SHA-512 signature of {@code data}. */
    static boolean verifies(RSAPublicKey publicKey, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA512withRSA");
            verifier.initVerify(publicKey);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}

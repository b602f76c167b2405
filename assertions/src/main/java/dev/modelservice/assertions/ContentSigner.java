package dev.modelservice.assertions;

/**
 * Signs bytes with a private key that the codec never sees, typically one held in an HSM.
 *
 * @param <E> the failure the signer reports, passed through to the caller unchanged
 */
@FunctionalInterface
public interface ContentSigner<E extends Exception> {
    /**
     * Signs {@code data} with RSA PKCS#1 v1.5 over SHA-512 (PKCS#11's CKM_SHA512_RSA_PKCS)
     * and returns the signature bytes, as long as the key's modulus.
     */
    byte[] sign(byte[] data) throws E;
}

package dev.modelservice.signer;

import java.util.List;
import java.util.Optional;

/**
 * Generates RSA key pairs inside a token and signs with them, without a private key ever
 * leaving the token.
 *
 * <p>Lifecycle: a provider returns a signer that is not started; {@link #start()} connects
 * to the token, {@link #close()} disconnects. Every other method requires a started signer
 * and may be called from many threads at once. A signer that loses its token keeps
 * running, fails calls with {@link SignerException.Kind#TOKEN_UNAVAILABLE} and reconnects on
 * its own. Implementations show their state in {@code toString()}.
 */
public interface Signer extends AutoCloseable {

    /** The modulus length of keys that {@link #generateKey(String)} creates. */
    int DEFAULT_MODULUS_BITS = 4096;

    /**
     * Connects to the token and logs in.
     *
     * @throws SignerException {@code CONFIGURATION} for a wrong PIN or a token that is not
     *     there, {@code TOKEN_UNAVAILABLE} when the token cannot be reached at all
     */
    void start() throws SignerException;

    /** Generates an RSA key pair of {@value #DEFAULT_MODULUS_BITS} bits; see {@link #generateKey(String, int)}. */
    default SigningKey generateKey(String name) throws SignerException {
        return generateKey(name, DEFAULT_MODULUS_BITS);
    }

    /**
     * Generates an RSA key pair inside the token under {@code name}, with a private half
     * that cannot be extracted. This may take minutes on slow hardware and does not block
     * concurrent signing.
     *
     * @param modulusBits the modulus length in bits, at least 2048
     * @throws SignerException {@code KEY_EXISTS} when a key of that name is in the token
     */
    SigningKey generateKey(String name, int modulusBits) throws SignerException;

    /** Lists the RSA key pairs in the token that this signer can sign with. */
    List<SigningKey> listKeys() throws SignerException;

    /**
     * Finds the key pair that {@code handle} refers to.
     *
     * @throws SignerException {@code KEY_NOT_FOUND} when the token has no such key
     */
    SigningKey findKey(KeyHandle handle) throws SignerException;

    /**
     * Signs {@code data} with RSA PKCS#1 v1.5 over SHA-512 (PKCS#11's CKM_SHA512_RSA_PKCS,
     * JCA's SHA512withRSA) and returns the signature, as long as the key's modulus.
     *
     * @throws SignerException {@code KEY_NOT_FOUND} when the token has no such key,
     *     {@code TOKEN_UNAVAILABLE} when the token cannot be reached within the configured
     *     time
     */
    byte[] sign(KeyHandle handle, byte[] data) throws SignerException;

    /**
     * Checks that the signer can sign now, for a health endpoint; returns normally when it
     * can.
     *
     * @throws SignerException the failure that a signing call would meet now
     */
    void checkHealth() throws SignerException;

    /**
     * Returns the signer's own account of its connections and sessions, read without calling
     * the token, for metrics. It may be called often and from any thread, also while the
     * token is away. Signers that keep no such state return empty, the default.
     */
    default Optional<SignerStatus> status() {
        return Optional.empty();
    }

    /** Disconnects from the token. Calls after this fail; closing twice does nothing. */
    @Override
    void close();
}

package dev.modelservice.signer;

import java.util.Map;

/**
 * The entry point of a signer plugin, found with {@link java.util.ServiceLoader}: a modular
 * plugin declares {@code provides dev.modelservice.signer.SignerProvider with ...}, a plain
 * jar lists its class in {@code META-INF/services/dev.modelservice.signer.SignerProvider}.
 * Implementations need a public no-argument constructor or a public static
 * {@code provider()} method.
 */
public interface SignerProvider {

    /** Returns the name that the service configuration selects this provider by, such as {@code pkcs11}. */
    String name();

    /**
     * Creates a signer that is not started yet.
     *
     * @param configuration the plugin's own settings, by key; the plugin documents its keys
     * @throws SignerException {@code CONFIGURATION} when a setting is missing or invalid,
     *     with a message naming the key and the expected value
     */
    Signer create(Map<String, String> configuration) throws SignerException;
}

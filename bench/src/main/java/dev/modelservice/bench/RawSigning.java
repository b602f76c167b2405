package dev.modelservice.bench;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerProviders;
import dev.modelservice.signer.SigningKey;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's signer, loaded in the benchmark's process through the Signer SPI with the
 * service's own settings (same module, same p11-kit server, same token), so that its
 * signing rate is the ceiling of the serial rate. Only {@code connections} may differ.
 */
final class RawSigning implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RawSigning.class);

    private final Signer signer;
    private final SigningKey key;
    private final int connections;

    private RawSigning(Signer signer, SigningKey key, int connections) {
        this.signer = signer;
        this.key = key;
        this.connections = connections;
    }

    /**
     * Creates and starts the service's signer with {@code connections} signing connections and
     * finds the key named {@code keyName}.
     *
     * @throws BenchException when the signer cannot start or the token has no such key
     */
    static RawSigning start(ServiceConfig config, int connections, String keyName) {
        Map<String, String> settings = new LinkedHashMap<>(config.signerSettings());
        settings.put("connections", Integer.toString(connections));
        Signer signer = null;
        try {
            SignerProviders providers = config.pluginsDir().isPresent()
                    ? SignerProviders.load(config.pluginsDir().get()) : SignerProviders.installed();
            signer = providers.provider(config.signerProvider()).create(settings);
            signer.start();
            SigningKey key = findKey(signer, keyName);
            LOG.info("Raw signing through {} with {} connections: {}", config.hsmPath(), connections, signer);
            return new RawSigning(signer, key, connections);
        } catch (SignerException e) {
            if (signer != null) {
                signer.close();
            }
            throw new BenchException("the service's signer (" + config.signerProvider() + " from " + config.file()
                    + ") failed to start in the benchmark: " + e.getMessage() + "; the benchmark needs the same"
                    + " environment as the service, such as P11_KIT_SERVER_ADDRESS", e);
        } catch (RuntimeException e) {
            if (signer != null) {
                signer.close();
            }
            throw e;
        }
    }

    private static SigningKey findKey(Signer signer, String keyName) throws SignerException {
        for (SigningKey candidate : signer.listKeys()) {
            if (candidate.name().equals(keyName)) {
                return candidate;
            }
        }
        throw new BenchException("the token has no key named '" + keyName + "' for the raw-sign part; give the"
                + " key of the serial policy with --key");
    }

    int connections() {
        return connections;
    }

    /** Returns the data that operation {@code index} signs: distinct for every index and run. */
    static byte[] data(long runSalt, int index) {
        return ByteBuffer.allocate(Long.BYTES + Integer.BYTES).putLong(runSalt).putInt(index).array();
    }

    /** Signs {@code data} into {@code signatures[index]}; a failure of the signer comes back as the outcome. */
    Outcome sign(byte[] data, byte[][] signatures, int index) {
        try {
            signatures[index] = signer.sign(key.handle(), data);
            return Outcome.OK;
        } catch (SignerException e) {
            return Outcome.error("signer " + e.kind(), e.getMessage());
        }
    }

    /** Checks a signature with the key's public half, as the JDK computes RSA PKCS#1 v1.5 with SHA-512. */
    Outcome verify(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA512withRSA");
            verifier.initVerify(key.publicKey());
            verifier.update(data);
            return verifier.verify(signature) ? Outcome.OK
                    : Outcome.error("signature unverified", "a signature does not verify with key " + key.name());
        } catch (GeneralSecurityException e) {
            return Outcome.error("signature unverified", "a signature cannot be checked: " + e);
        }
    }

    @Override
    public void close() {
        signer.close();
    }

    @Override
    public String toString() {
        return "RawSigning[key=" + key.name() + ", " + signer + "]";
    }
}

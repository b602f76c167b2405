package dev.modelservice.server.metrics;

import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerStatus;
import dev.modelservice.signer.SigningKey;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A signer that times each sign call for the HSM signing histogram and otherwise passes every
 * call on. For a signer that reports no {@link SignerStatus}, it judges the HSM's availability
 * from the last call that reached or failed to reach the token.
 *
 * <p>Its {@code toString()} is the wrapped signer's, so logs and the status API show the
 * plugin's own state.
 */
final class MeteredSigner implements Signer {
    static final String OK = "ok";

    private final Signer signer;
    private final ServiceMetrics metrics;
    private volatile boolean lastCallReachedToken = true;

    MeteredSigner(Signer signer, ServiceMetrics metrics) {
        this.signer = signer;
        this.metrics = metrics;
    }

    /**
     * Returns the outcome label of a failed sign call: its kind in lower case with dashes, such
     * as {@code key-not-found}.
     */
    static String outcome(SignerException.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Returns whether a signing call can reach the token now, from the signer's status or else its last call. */
    boolean available() {
        return signer.status().map(SignerStatus::available).orElse(lastCallReachedToken);
    }

    @Override
    public void start() throws SignerException {
        try {
            signer.start();
            lastCallReachedToken = true;
        } catch (SignerException e) {
            noteFailure(e);
            throw e;
        }
    }

    @Override
    public byte[] sign(KeyHandle handle, byte[] data) throws SignerException {
        long started = System.nanoTime();
        try {
            byte[] signature = signer.sign(handle, data);
            metrics.hsmSign(OK, System.nanoTime() - started);
            lastCallReachedToken = true;
            return signature;
        } catch (SignerException e) {
            metrics.hsmSign(outcome(e.kind()), System.nanoTime() - started);
            noteFailure(e);
            throw e;
        }
    }

    @Override
    public void checkHealth() throws SignerException {
        try {
            signer.checkHealth();
            lastCallReachedToken = true;
        } catch (SignerException e) {
            noteFailure(e);
            throw e;
        }
    }

    /** Only an unreachable token counts against availability: a missing key or a bad setting does not. */
    private void noteFailure(SignerException e) {
        if (e.kind() == SignerException.Kind.TOKEN_UNAVAILABLE) {
            lastCallReachedToken = false;
        }
    }

    @Override
    public SigningKey generateKey(String name, int modulusBits) throws SignerException {
        return signer.generateKey(name, modulusBits);
    }

    @Override
    public List<SigningKey> listKeys() throws SignerException {
        return signer.listKeys();
    }

    @Override
    public SigningKey findKey(KeyHandle handle) throws SignerException {
        return signer.findKey(handle);
    }

    @Override
    public Optional<SignerStatus> status() {
        return signer.status();
    }

    @Override
    public void close() {
        signer.close();
    }

    @Override
    public String toString() {
        return signer.toString();
    }
}

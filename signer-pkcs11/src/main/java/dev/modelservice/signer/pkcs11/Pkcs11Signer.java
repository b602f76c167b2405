package dev.modelservice.signer.pkcs11;

import static dev.modelservice.signer.pkcs11.TokenObjects.attribute;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException.Kind;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerStatus;
import dev.modelservice.signer.SigningKey;
import iaik.pkcs.pkcs11.wrapper.CK_ATTRIBUTE;
import iaik.pkcs.pkcs11.wrapper.CK_MECHANISM;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Signer} on a PKCS#11 token: signing spread over several connections (module
 * instances), key generation on a connection of its own so that a slow generation never
 * holds up signing. Key handles are the hex CKA_ID shared by both halves of a key pair.
 */
public final class Pkcs11Signer implements Signer {
    private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Signer.class);

    private static final int MIN_MODULUS_BITS = 2048;
    private static final int MAX_MODULUS_BITS = 16384;
    private static final int MAX_NAME_LENGTH = 128;
    private static final int ID_LENGTH = 16;
    private static final byte[] HEALTH_CHECK_DATA = "model-service signer health check".getBytes(StandardCharsets.US_ASCII);

    enum State { NEW, STARTED, STOPPED }

    private final Pkcs11Configuration configuration;
    private final ExecutorService calls;
    private final ScheduledExecutorService recovery;
    private final List<Connection> signing = new ArrayList<>();
    private final Connection generation;
    private final ReentrantLock generationLock = new ReentrantLock(true);
    private final AtomicInteger next = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private volatile State state = State.NEW;

    Pkcs11Signer(Pkcs11Configuration configuration, Connection.ModuleLoader loader) {
        this.configuration = configuration;
        this.calls = Executors.newCachedThreadPool(daemonThreads("pkcs11-call-"));
        // A thread per connection, because reconnecting one waits up to the call timeout for a stuck call.
        this.recovery = Executors.newScheduledThreadPool(configuration.connections() + 1, daemonThreads("pkcs11-reconnect-"));
        for (int i = 1; i <= configuration.connections(); i++) {
            signing.add(new Connection("signing connection " + i, configuration,
                    configuration.sessionsPerConnection(), false, loader, calls, recovery));
        }
        generation = new Connection("key generation connection", configuration, 1, true, loader, calls, recovery);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public synchronized void start() throws SignerException {
        if (state != State.NEW) {
            throw new IllegalStateException("signer is " + state + "; create a new one to start again");
        }
        try {
            for (Connection connection : signing) {
                connection.open();
            }
            generation.open();
        } catch (SignerException | RuntimeException e) {
            LOG.error("PKCS#11 signer for token {} failed to start: {}", configuration.tokenLabel(), e.getMessage());
            close();
            throw e;
        }
        state = State.STARTED;
        LOG.info("PKCS#11 signer started: token {}, {} signing connections with {} sessions each, module {}",
                configuration.tokenLabel(), signing.size(), configuration.sessionsPerConnection(),
                configuration.module());
    }

    @Override
    public SigningKey generateKey(String name, int modulusBits) throws SignerException {
        requireStarted();
        checkKeyName(name);
        if (modulusBits < MIN_MODULUS_BITS || modulusBits > MAX_MODULUS_BITS || modulusBits % 8 != 0) {
            throw new IllegalArgumentException("RSA modulus length " + modulusBits + " is invalid; use a multiple"
                    + " of 8 from " + MIN_MODULUS_BITS + " to " + MAX_MODULUS_BITS + ", such as 4096");
        }

        lockGeneration();
        try {
            long start = System.nanoTime();
            SigningKey key = generation.execute("C_GenerateKeyPair", configuration.keyGenerationTimeout(),
                    (pkcs11, session, login) -> generateKeyPair(pkcs11, session, name, modulusBits));
            LOG.info("Generated RSA-{} key pair \"{}\" with CKA_ID {} in token {} in {} ms", modulusBits, name,
                    key.handle(), configuration.tokenLabel(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            return key;
        } finally {
            generationLock.unlock();
        }
    }

    private void lockGeneration() throws SignerException {
        try {
            if (!generationLock.tryLock(configuration.keyGenerationTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SignerException(Kind.TOKEN_UNAVAILABLE, "Another key generation is still running after "
                        + configuration.keyGenerationTimeout().toMillis() + " ms; retry later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "Interrupted waiting for another key generation", e);
        }
    }

    private SigningKey generateKeyPair(PKCS11 pkcs11, long session, String name, int modulusBits)
            throws PKCS11Exception, SignerException {
        // NOTE: the name check and the generation are not atomic in the token, so two
        // processes generating the same name at once can both succeed.
        if (TokenObjects.findRsaKeysByLabel(pkcs11, session, CKO_PRIVATE_KEY, name).length > 0
                || TokenObjects.findRsaKeysByLabel(pkcs11, session, CKO_PUBLIC_KEY, name).length > 0) {
            throw new SignerException(Kind.KEY_EXISTS, "Token " + configuration.tokenLabel()
                    + " already holds a key named \"" + name + "\"; choose another name");
        }
        byte[] id = newId(pkcs11, session);
        char[] label = name.toCharArray();

        CK_MECHANISM mechanism = new CK_MECHANISM();
        mechanism.mechanism = CKM_RSA_PKCS_KEY_PAIR_GEN;
        CK_ATTRIBUTE[] publicTemplate = {
            attribute(CKA_TOKEN, true),
            attribute(CKA_PRIVATE, false),
            attribute(CKA_MODULUS_BITS, (long) modulusBits),
            attribute(CKA_PUBLIC_EXPONENT, BigInteger.valueOf(65537).toByteArray()),
            attribute(CKA_VERIFY, true),
            attribute(CKA_ENCRYPT, false),
            attribute(CKA_WRAP, false),
            attribute(CKA_LABEL, label),
            attribute(CKA_ID, id),
        };
        CK_ATTRIBUTE[] privateTemplate = {
            attribute(CKA_TOKEN, true),
            attribute(CKA_PRIVATE, true),
            attribute(CKA_SENSITIVE, true),
            attribute(CKA_EXTRACTABLE, false),
            attribute(CKA_SIGN, true),
            attribute(CKA_DECRYPT, false),
            attribute(CKA_UNWRAP, false),
            attribute(CKA_LABEL, label),
            attribute(CKA_ID, id),
        };
        long[] pair = pkcs11.C_GenerateKeyPair(session, mechanism, publicTemplate, privateTemplate, true);
        RSAPublicKey publicKey = TokenObjects.readRsaPublicKey(pkcs11, session, pair[0]);
        return new SigningKey(name, publicKey, handleOf(id));
    }

    private byte[] newId(PKCS11 pkcs11, long session) throws PKCS11Exception {
        while (true) {
            byte[] id = new byte[ID_LENGTH];
            random.nextBytes(id);
            if (TokenObjects.find(pkcs11, session, attribute(CKA_ID, id)).length == 0) {
                return id;
            }
        }
    }

    @Override
    public List<SigningKey> listKeys() throws SignerException {
        requireStarted();
        return pick().execute("C_FindObjects", configuration.callTimeout(), (pkcs11, session, login) -> {
            List<SigningKey> keys = new ArrayList<>();
            for (long privateKey : TokenObjects.findRsaPrivateKeys(pkcs11, session)) {
                byte[] id = TokenObjects.readId(pkcs11, session, privateKey);
                String label = TokenObjects.readLabel(pkcs11, session, privateKey);
                long[] publicKeys = id.length == 0 ? new long[0]
                        : TokenObjects.findRsaKeys(pkcs11, session, CKO_PUBLIC_KEY, id);
                if (publicKeys.length == 0) {
                    LOG.debug("Skipping private key \"{}\" in token {}: no public key with its CKA_ID \"{}\"",
                            label, configuration.tokenLabel(), TokenObjects.hex(id));
                    continue;
                }
                keys.add(new SigningKey(label, TokenObjects.readRsaPublicKey(pkcs11, session, publicKeys[0]),
                        handleOf(id)));
            }
            keys.sort(Comparator.comparing(SigningKey::name).thenComparing(key -> key.handle().value()));
            return keys;
        });
    }

    @Override
    public SigningKey findKey(KeyHandle handle) throws SignerException {
        requireStarted();
        byte[] id = idOf(handle);
        return pick().execute("C_FindObjects", configuration.callTimeout(), (pkcs11, session, login) -> {
            login.privateKey(pkcs11, session, id, configuration.tokenLabel());
            long[] publicKeys = TokenObjects.findRsaKeys(pkcs11, session, CKO_PUBLIC_KEY, id);
            if (publicKeys.length == 0) {
                throw new SignerException(Kind.KEY_NOT_FOUND, "Token " + configuration.tokenLabel()
                        + " has no RSA public key with CKA_ID " + handle);
            }
            String label = TokenObjects.readLabel(pkcs11, session, publicKeys[0]);
            return new SigningKey(label, TokenObjects.readRsaPublicKey(pkcs11, session, publicKeys[0]), handle);
        });
    }

    @Override
    public byte[] sign(KeyHandle handle, byte[] data) throws SignerException {
        requireStarted();
        byte[] id = idOf(handle);
        return pick().execute("C_Sign", configuration.callTimeout(), (pkcs11, session, login) -> {
            long privateKey = login.privateKey(pkcs11, session, id, configuration.tokenLabel());
            CK_MECHANISM mechanism = new CK_MECHANISM();
            mechanism.mechanism = CKM_SHA512_RSA_PKCS;
            pkcs11.C_SignInit(session, mechanism, privateKey, true);
            return pkcs11.C_Sign(session, data);
        });
    }

    /**
     * Signs a fixed message with the key named by the {@code health-check-key} setting and
     * verifies the signature with its public key. Without that setting, checks that a
     * signing connection is up and responds to C_GetSessionInfo.
     */
    @Override
    public void checkHealth() throws SignerException {
        requireStarted();
        if (configuration.healthCheckKey().isEmpty()) {
            pick().execute("C_GetSessionInfo", configuration.callTimeout(), (pkcs11, session, login) -> {
                pkcs11.C_GetSessionInfo(session);
                return null;
            });
            return;
        }

        String name = configuration.healthCheckKey().get();
        SigningKey key = listKeys().stream().filter(candidate -> candidate.name().equals(name)).findFirst()
                .orElseThrow(() -> new SignerException(Kind.CONFIGURATION, "health-check-key names \"" + name
                        + "\", but token " + configuration.tokenLabel() + " has no such key pair"));
        byte[] signature = sign(key.handle(), HEALTH_CHECK_DATA);
        if (!verifies(key.publicKey(), signature)) {
            throw new SignerException(Kind.TOKEN_ERROR, "Token " + configuration.tokenLabel()
                    + " returned a signature that does not verify with key \"" + name + "\"");
        }
    }

    private static boolean verifies(RSAPublicKey publicKey, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA512withRSA");
            verifier.initVerify(publicKey);
            verifier.update(HEALTH_CHECK_DATA);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.STOPPED;
        recovery.shutdownNow();
        for (Connection connection : signing) {
            connection.close();
        }
        generation.close();
        calls.shutdown();
        configuration.clearPin();
        LOG.info("PKCS#11 signer for token {} stopped", configuration.tokenLabel());
    }

    /** Sums up the signing connections' states and session pools. The key generation connection is left out. */
    @Override
    public Optional<SignerStatus> status() {
        int up = 0;
        int sessionsMax = 0;
        int inUse = 0;
        int idle = 0;
        long waits = 0;
        long timeouts = 0;
        Duration waited = Duration.ZERO;
        for (Connection connection : signing) {
            if (connection.state() == Connection.State.READY) {
                up++;
            }
            sessionsMax += connection.sessionCount();
            inUse += connection.sessionsInUse();
            idle += connection.sessionsIdle();
            waits += connection.waits().waits();
            timeouts += connection.waits().timeouts();
            waited = waited.plus(connection.waits().waited());
        }
        boolean available = state == State.STARTED && up > 0;
        return Optional.of(new SignerStatus(available, signing.size(), up, sessionsMax, inUse, idle, waits,
                timeouts, waited));
    }

    /** Returns the next READY signing connection, in turn. */
    private Connection pick() throws SignerException {
        int size = signing.size();
        int start = Math.floorMod(next.getAndIncrement(), size);
        for (int i = 0; i < size; i++) {
            Connection connection = signing.get((start + i) % size);
            if (connection.state() == Connection.State.READY) {
                return connection;
            }
        }
        throw signing.get(start).unavailable();
    }

    private void requireStarted() {
        if (state != State.STARTED) {
            throw new IllegalStateException("PKCS#11 signer for token " + configuration.tokenLabel() + " is "
                    + state + "; call start() first");
        }
    }

    private static void checkKeyName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH
                || !name.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("Key name \"" + name + "\" is invalid; use 1 to " + MAX_NAME_LENGTH
                    + " printable characters");
        }
    }

    static KeyHandle handleOf(byte[] id) {
        return new KeyHandle(TokenObjects.hex(id));
    }

    private byte[] idOf(KeyHandle handle) throws SignerException {
        try {
            byte[] id = HexFormat.of().parseHex(handle.value());
            if (id.length > 0) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new SignerException(Kind.KEY_NOT_FOUND, "Key handle " + handle
                + " was not issued by the PKCS#11 signer: it expects the key's CKA_ID in hex");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Pkcs11Signer[token=").append(configuration.tokenLabel())
                .append(", state=").append(state);
        for (Connection connection : signing) {
            text.append("; ").append(connection);
        }
        return text.append("; ").append(generation).append(']').toString();
    }
}

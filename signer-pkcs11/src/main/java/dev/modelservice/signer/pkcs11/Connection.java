package dev.modelservice.signer.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerException.Kind;
import iaik.pkcs.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import iaik.pkcs.pkcs11.wrapper.CK_TOKEN_INFO;
import iaik.pkcs.pkcs11.wrapper.PKCS11;
import iaik.pkcs.pkcs11.wrapper.PKCS11Exception;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One instance of the PKCS#11 module, logged in to the token, with its own pool of
 * sessions. With p11-kit-client.so each instance is one connection to the p11-kit server,
 * served by one single-threaded process, so signing throughput grows with the number of
 * connections and not with the sessions of one.
 *
 * <p>When a call fails with a CKR_ code that means the module or the token went away, the
 * connection turns FAILED and reconnects in the background: it finalises the module,
 * initialises it again, finds the token and logs in, with a growing delay between attempts.
 * Calls fail fast with TOKEN_UNAVAILABLE meanwhile.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    enum State { NEW, READY, FAILED, STOPPED }

    /** Work done with one borrowed session of a logged-in module instance. */
    @FunctionalInterface
    interface SessionWork<T> {
        T run(PKCS11 pkcs11, long session, Login login) throws PKCS11Exception, SignerException;
    }

    /** A module instance: the function list that one C_GetFunctionList call returned. */
    private static final class Instance {
        final PKCS11 pkcs11;
        /** Calls hold the read lock; C_Finalize needs the write lock, so it never runs under a call. */
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        /** Whether C_Initialize succeeded and C_Finalize was not called since; guarded by the write lock. */
        boolean initialized;

        Instance(PKCS11 pkcs11) {
            this.pkcs11 = pkcs11;
        }
    }

    /** The slot, sessions and key handles of one successful login. */
    static final class Login {
        private final Instance instance;
        private final long slot;
        private final SessionPool sessions;
        private final ConcurrentMap<String, Long> privateKeys = new ConcurrentHashMap<>();

        private Login(Instance instance, long slot, SessionPool sessions) {
            this.instance = instance;
            this.slot = slot;
            this.sessions = sessions;
        }

        /**
         * Returns the object handle of the RSA private key with {@code id}, from the cache or
         * by C_FindObjects; handles are valid only within this login.
         */
        long privateKey(PKCS11 pkcs11, long session, byte[] id, String tokenLabel)
                throws PKCS11Exception, SignerException {
            String key = TokenObjects.hex(id);
            Long cached = privateKeys.get(key);
            if (cached != null) {
                return cached;
            }
            long[] found = TokenObjects.findRsaKeys(pkcs11, session, CKO_PRIVATE_KEY, id);
            if (found.length == 0) {
                throw new SignerException(Kind.KEY_NOT_FOUND,
                        "Token " + tokenLabel + " has no RSA private key with CKA_ID " + key);
            }
            privateKeys.put(key, found[0]);
            return found[0];
        }
    }

    private final String name;
    private final Pkcs11Configuration configuration;
    private final int sessionCount;
    private final boolean readWrite;
    private final ModuleLoader loader;
    private final ExecutorService calls;
    private final ScheduledExecutorService recovery;
    /** Kept across logins, since each login has a new session pool. */
    private final SessionWaits waits = new SessionWaits();

    private volatile Instance instance;
    private volatile Login login;
    private volatile State state = State.NEW;
    private volatile SignerException lastError;
    private volatile Instant failedAt;
    private int attempts;

    /** Loads a new instance of the PKCS#11 module. */
    @FunctionalInterface
    interface ModuleLoader {
        PKCS11 load(String connectionName) throws SignerException;
    }

    Connection(String name, Pkcs11Configuration configuration, int sessionCount, boolean readWrite,
            ModuleLoader loader, ExecutorService calls, ScheduledExecutorService recovery) {
        this.name = name;
        this.configuration = configuration;
        this.sessionCount = sessionCount;
        this.readWrite = readWrite;
        this.loader = loader;
        this.calls = calls;
        this.recovery = recovery;
    }

    String name() {
        return name;
    }

    State state() {
        return state;
    }

    /** Returns the sessions this connection opens when it logs in, as configured. */
    int sessionCount() {
        return sessionCount;
    }

    /** Returns the idle sessions of the current login, or 0 while the connection is not READY. */
    int sessionsIdle() {
        Login current = login;
        return state == State.READY && current != null ? current.sessions.idle() : 0;
    }

    /** Returns the sessions that calls hold in the current login, or 0 while the connection is not READY. */
    int sessionsInUse() {
        Login current = login;
        return state == State.READY && current != null ? current.sessions.inUse() : 0;
    }

    /** Returns the waits for a free session over all logins of this connection. */
    SessionWaits waits() {
        return waits;
    }

    /**
     * Initialises the module, finds the token, opens the sessions and logs in.
     *
     * @throws SignerException CONFIGURATION for a wrong PIN or token label, TOKEN_UNAVAILABLE
     *     when no token is visible at all
     */
    synchronized void open() throws SignerException {
        if (state == State.STOPPED) {
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, name + " is stopped");
        }
        if (instance == null) {
            instance = new Instance(loader.load(name));
        }
        Instance current = instance;

        current.lock.writeLock().lock();
        try {
            initialize(current.pkcs11);
            current.initialized = true;
            long slot = findSlot(current.pkcs11);
            List<Long> sessions = openSessions(current.pkcs11, slot);
            login = new Login(current, slot, new SessionPool(sessions, waits));
            lastError = null;
            failedAt = null;
            state = State.READY;
        } catch (SignerException e) {
            finalizeQuietly(current);
            throw e;
        } finally {
            current.lock.writeLock().unlock();
        }
    }

    /** Finalises the module; later calls fail. Waits at most the call timeout for running calls. */
    synchronized void close() {
        state = State.STOPPED;
        Instance current = instance;
        if (current == null) {
            return;
        }
        if (!finalizeWhenIdle(current)) {
            LOG.warn("{}: a PKCS#11 call is still running after {} ms; closing without C_Finalize",
                    name, configuration.callTimeout().toMillis());
        }
        instance = null;
        login = null;
    }

    /**
     * Runs {@code work} on a borrowed session, waiting at most {@code timeout} for the
     * token. After a stale key handle, a lost login or a closed session, it repairs that and
     * tries once more. A module or token failure turns the connection FAILED.
     *
     * @param operation the PKCS#11 function that {@code work} stands for, for messages
     */
    <T> T execute(String operation, Duration timeout, SessionWork<T> work) throws SignerException {
        Login current = login;
        if (state != State.READY || current == null) {
            throw unavailable();
        }

        Long session;
        try {
            session = current.sessions.borrow(configuration.sessionWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, operation + " was interrupted waiting for a session", e);
        }
        if (session == null) {
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "No session of " + name + " became free within "
                    + configuration.sessionWait().toMillis() + " ms; all " + current.sessions.capacity()
                    + " are busy. Retry later, or raise connections or sessions-per-connection");
        }

        long borrowed = session;
        Future<T> result = calls.submit(() -> runInSession(operation, current, borrowed, work));
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            SignerException error = new SignerException(Kind.TOKEN_UNAVAILABLE, operation + " on " + name
                    + " to token " + configuration.tokenLabel() + " did not return within " + timeout.toMillis()
                    + " ms; reconnecting in the background, retry later");
            fail(current, error);
            throw error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, operation + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SignerException) {
                throw (SignerException) cause;
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new SignerException(Kind.TOKEN_ERROR, operation + " failed on " + name + ": " + cause, cause);
        }
    }

    private <T> T runInSession(String operation, Login current, long borrowed, SessionWork<T> work)
            throws SignerException {
        PKCS11 pkcs11 = current.instance.pkcs11;
        Lock lock = current.instance.lock.readLock();
        lock.lock();
        long session = borrowed;
        boolean giveBack = true;
        try {
            try {
                return work.run(pkcs11, session, current);
            } catch (PKCS11Exception first) {
                CkrAction action = CkrAction.of(first.getErrorCode());
                if (action != CkrAction.FIND_KEY_AGAIN && action != CkrAction.LOG_IN_AGAIN
                        && action != CkrAction.REPLACE_SESSION) {
                    giveBack = action == CkrAction.GIVE_UP;
                    throw failure(operation, current, first, action);
                }
                LOG.info("{}: {} failed with {}; repairing ({}) and retrying once",
                        name, operation, CkrAction.name(first.getErrorCode()), action);
                giveBack = false;
                session = repair(pkcs11, current, session, action);
                giveBack = true;
                return work.run(pkcs11, session, current);
            }
        } catch (PKCS11Exception second) {
            CkrAction action = CkrAction.of(second.getErrorCode());
            // A failure that one repair did not fix means the module itself is in trouble.
            CkrAction escalated = action == CkrAction.GIVE_UP || action == CkrAction.REJECT_PIN
                    ? action : CkrAction.REINITIALISE_MODULE;
            giveBack = giveBack && escalated == CkrAction.GIVE_UP;
            throw failure(operation, current, second, escalated);
        } finally {
            if (giveBack) {
                current.sessions.giveBack(session);
            }
            lock.unlock();
        }
    }

    private long repair(PKCS11 pkcs11, Login current, long session, CkrAction action) throws PKCS11Exception {
        switch (action) {
            case FIND_KEY_AGAIN:
                current.privateKeys.clear();
                return session;
            case LOG_IN_AGAIN:
                logIn(pkcs11, session);
                return session;
            case REPLACE_SESSION:
                closeSessionQuietly(pkcs11, session);
                return openSession(pkcs11, current.slot);
            default:
                throw new IllegalArgumentException("not a repair: " + action);
        }
    }

    private SignerException failure(String operation, Login current, PKCS11Exception e, CkrAction action) {
        String ckr = CkrAction.name(e.getErrorCode());
        switch (action) {
            case REINITIALISE_MODULE: {
                SignerException error = new SignerException(Kind.TOKEN_UNAVAILABLE, operation + " on " + name
                        + " to token " + configuration.tokenLabel() + " failed with " + ckr
                        + "; reconnecting in the background, retry later", e);
                fail(current, error);
                return error;
            }
            case REJECT_PIN: {
                SignerException error = pinRejected(ckr, e);
                fail(current, error);
                return error;
            }
            default:
                return new SignerException(Kind.TOKEN_ERROR, operation + " on token " + configuration.tokenLabel()
                        + " failed with " + ckr, e);
        }
    }

    /**
     * Turns the connection FAILED after {@code error} on {@code failedLogin}, and starts
     * reconnecting unless the error is permanent. Does nothing when that login was already
     * replaced or failed.
     */
    void fail(Login failedLogin, SignerException error) {
        synchronized (this) {
            if (state != State.READY || login != failedLogin) {
                return;
            }
            state = State.FAILED;
            lastError = error;
            failedAt = Instant.now();
            attempts = 0;
        }
        if (!error.isTemporary()) {
            LOG.error("{} to token {} failed and will not reconnect: {}. Fix the configuration and restart",
                    name, configuration.tokenLabel(), error.getMessage());
            return;
        }
        LOG.warn("{} to token {} failed: {}", name, configuration.tokenLabel(), error.getMessage());
        recovery.execute(this::reconnect);
    }

    private void reconnect() {
        int attempt;
        synchronized (this) {
            if (state != State.FAILED) {
                return;
            }
            attempt = ++attempts;
        }

        Instance old = instance;
        if (old != null) {
            if (!finalizeWhenIdle(old)) {
                // NOTE: the stuck thread and the abandoned instance are leaked. With p11-kit 0.24.1
                // a call sometimes stays blocked after its server is killed; the cause is unknown.
                // A new C_GetFunctionList call of p11-kit-client.so opens a separate connection.
                LOG.warn("{}: a PKCS#11 call is still stuck after {} ms; abandoning that module instance",
                        name, configuration.callTimeout().toMillis());
                synchronized (this) {
                    instance = null;
                }
            }
        }

        Instant failed = failedAt();
        try {
            open();
            LOG.info("{} to token {} is back after {} attempts, {} ms after it failed", name,
                    configuration.tokenLabel(), attempt, Duration.between(failed, Instant.now()).toMillis());
        } catch (SignerException e) {
            retryLater(attempt, e);
        } catch (RuntimeException e) {
            retryLater(attempt, new SignerException(Kind.TOKEN_UNAVAILABLE, "reconnecting failed: " + e, e));
        }
    }

    private void retryLater(int attempt, SignerException e) {
        synchronized (this) {
            if (state == State.STOPPED) {
                return;
            }
            state = State.FAILED;
            lastError = e;
        }
        if (!e.isTemporary()) {
            LOG.error("{} to token {} cannot reconnect: {}. Fix the configuration and restart",
                    name, configuration.tokenLabel(), e.getMessage());
            return;
        }
        long delay = reconnectDelay(attempt).toMillis();
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warn("{}: reconnection attempt {} failed: {}; trying again every {} ms at most",
                    name, attempt, e.getMessage(), delay);
        } else {
            LOG.debug("{}: reconnection attempt {} failed: {}", name, attempt, e.getMessage());
        }
        recovery.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    /** Returns the wait before attempt {@code attempt} + 1: the configured delay, doubled per attempt, capped. */
    Duration reconnectDelay(int attempt) {
        Duration delay = configuration.reconnectDelay();
        for (int i = 1; i < attempt && delay.compareTo(configuration.reconnectMaxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(configuration.reconnectMaxDelay()) > 0 ? configuration.reconnectMaxDelay() : delay;
    }

    private Instant failedAt() {
        Instant at = failedAt;
        return at == null ? Instant.now() : at;
    }

    /** Returns the error that a call meets now, when the connection is not READY. */
    SignerException unavailable() {
        SignerException error = lastError;
        if (state == State.FAILED && error != null) {
            if (!error.isTemporary()) {
                return new SignerException(error.kind(), error.getMessage(), error);
            }
            return new SignerException(Kind.TOKEN_UNAVAILABLE, name + " to token " + configuration.tokenLabel()
                    + " is down since " + failedAt() + " (" + error.getMessage() + "); retry later", error);
        }
        return new SignerException(Kind.TOKEN_UNAVAILABLE,
                name + " to token " + configuration.tokenLabel() + " is " + state);
    }

    /**
     * Calls C_Finalize once no call runs in {@code current}; returns false when a call still
     * runs after the call timeout, or when C_Finalize itself does not return within it.
     */
    private boolean finalizeWhenIdle(Instance current) {
        try {
            if (!current.lock.writeLock().tryLock(configuration.callTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            return finalizeWithin(current, configuration.callTimeout());
        } finally {
            current.lock.writeLock().unlock();
        }
    }

    /**
     * Runs C_Finalize on a thread of its own. p11-kit's client sends it to its server, so with
     * the server stopped it may not return, and then that thread is left behind.
     */
    private boolean finalizeWithin(Instance current, Duration timeout) {
        Thread finalizer = new Thread(() -> finalizeQuietly(current), name + " C_Finalize");
        finalizer.setDaemon(true);
        finalizer.start();
        try {
            finalizer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (finalizer.isAlive()) {
            LOG.warn("{}: C_Finalize did not return within {} ms; abandoning that module instance", name,
                    timeout.toMillis());
            return false;
        }
        return true;
    }

    private void initialize(PKCS11 pkcs11) throws SignerException {
        // Without CKF_OS_LOCKING_OK a module may assume one thread at a time: SoftHSM 2.6
        // crashes the JVM on concurrent C_OpenSession calls then.
        CK_C_INITIALIZE_ARGS arguments = new CK_C_INITIALIZE_ARGS();
        arguments.flags = CKF_OS_LOCKING_OK;
        try {
            pkcs11.C_Initialize(arguments, true);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() == CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new SignerException(Kind.CONFIGURATION, "PKCS#11 module " + configuration.module()
                        + " is already initialised in this process: it shares one instance between all"
                        + " its users, so the signer cannot open separate connections. Reach the token through"
                        + " p11-kit server and p11-kit-client.so", e);
            }
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "C_Initialize of PKCS#11 module "
                    + configuration.module() + " failed with " + CkrAction.name(e.getErrorCode()), e);
        }
    }

    private long findSlot(PKCS11 pkcs11) throws SignerException {
        List<String> labels = new ArrayList<>();
        try {
            for (long slot : pkcs11.C_GetSlotList(true)) {
                CK_TOKEN_INFO info = pkcs11.C_GetTokenInfo(slot);
                String label = new String(info.label).strip();
                if (label.equals(configuration.tokenLabel())) {
                    return slot;
                }
                labels.add(label);
            }
        } catch (PKCS11Exception e) {
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "Listing the tokens of PKCS#11 module "
                    + configuration.module() + " failed with " + CkrAction.name(e.getErrorCode()), e);
        }
        if (labels.isEmpty()) {
            // p11-kit-client.so shows no slot at all while its server is unreachable.
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "No token is visible through PKCS#11 module "
                    + configuration.module() + serverAddressNote() + "; check that the p11-kit server runs"
                    + " and that its token is present");
        }
        throw new SignerException(Kind.CONFIGURATION, "No token is labelled \"" + configuration.tokenLabel()
                + "\"; tokens found: " + String.join(", ", labels) + ". Correct token-label");
    }

    private String serverAddressNote() {
        String address = System.getenv(Pkcs11Configuration.SERVER_ADDRESS_VARIABLE);
        return address == null ? "" : " (" + Pkcs11Configuration.SERVER_ADDRESS_VARIABLE + "=" + address + ")";
    }

    private List<Long> openSessions(PKCS11 pkcs11, long slot) throws SignerException {
        List<Long> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < sessionCount; i++) {
                sessions.add(openSession(pkcs11, slot));
            }
            logIn(pkcs11, sessions.get(0));
            return sessions;
        } catch (PKCS11Exception e) {
            if (CkrAction.of(e.getErrorCode()) == CkrAction.REJECT_PIN) {
                throw pinRejected(CkrAction.name(e.getErrorCode()), e);
            }
            throw new SignerException(Kind.TOKEN_UNAVAILABLE, "Opening sessions on token "
                    + configuration.tokenLabel() + " failed with " + CkrAction.name(e.getErrorCode()), e);
        }
    }

    private SignerException pinRejected(String ckr, PKCS11Exception e) {
        return new SignerException(Kind.CONFIGURATION, "C_Login to token " + configuration.tokenLabel()
                + " failed with " + ckr + ": the user PIN from pin-file or pin-env is wrong, expired or"
                + " locked. Correct it and restart; the signer does not retry, to avoid locking the token", e);
    }

    private long openSession(PKCS11 pkcs11, long slot) throws PKCS11Exception {
        long flags = CKF_SERIAL_SESSION | (readWrite ? CKF_RW_SESSION : 0);
        return pkcs11.C_OpenSession(slot, flags, null, null);
    }

    /** Logs the user in; one login covers every session of the module instance. */
    private void logIn(PKCS11 pkcs11, long session) throws PKCS11Exception {
        char[] pin = configuration.pin();
        try {
            pkcs11.C_Login(session, CKU_USER, pin, true);
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_USER_ALREADY_LOGGED_IN) {
                throw e;
            }
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private void closeSessionQuietly(PKCS11 pkcs11, long session) {
        try {
            pkcs11.C_CloseSession(session);
        } catch (PKCS11Exception e) {
            LOG.debug("{}: C_CloseSession of a broken session failed with {}", name, CkrAction.name(e.getErrorCode()));
        }
    }

    /** Calls C_Finalize if the instance is initialised; the caller holds its write lock. */
    private void finalizeQuietly(Instance current) {
        if (!current.initialized) {
            return;
        }
        current.initialized = false;
        try {
            current.pkcs11.C_Finalize(null);
        } catch (PKCS11Exception e) {
            LOG.debug("{}: C_Finalize failed with {}", name, CkrAction.name(e.getErrorCode()));
        }
    }

    @Override
    public String toString() {
        Login current = login;
        StringBuilder text = new StringBuilder(name).append(": ").append(state);
        if (state == State.READY && current != null) {
            text.append(", ").append(current.sessions);
        }
        if (state == State.FAILED) {
            text.append(" since ").append(failedAt()).append(", ").append(attempts).append(" reconnection attempts");
        }
        return text.toString();
    }
}

package dev.modelservice.signer.pkcs11;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The idle logged-in sessions of one module instance. A caller borrows a session for one
 * operation and either gives it back or, when it is broken, drops it. The pool never
 * contains more sessions than it was created with.
 */
final class SessionPool {
    private final BlockingQueue<Long> idle;
    private final int capacity;
    private final SessionWaits waits;

    SessionPool(Collection<Long> sessions) {
        this(sessions, new SessionWaits());
    }

    /** Creates a pool that records in {@code waits} each borrow that finds no idle session. */
    SessionPool(Collection<Long> sessions, SessionWaits waits) {
        this.capacity = sessions.size();
        this.idle = new ArrayBlockingQueue<>(Math.max(1, capacity), false, sessions);
        this.waits = waits;
    }

    /** Returns an idle session handle, or null when none became idle within {@code wait}. */
    Long borrow(Duration wait) throws InterruptedException {
        Long session = idle.poll();
        if (session != null) {
            return session;
        }

        long started = System.nanoTime();
        session = idle.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        waits.record(System.nanoTime() - started, session == null);
        return session;
    }

    /** Makes {@code session} available to the next caller. */
    void giveBack(long session) {
        if (!idle.offer(session)) {
            throw new IllegalStateException("session pool is full; session " + session + " was given back twice");
        }
    }

    int capacity() {
        return capacity;
    }

    int idle() {
        return idle.size();
    }

    /**
     * Returns the sessions that are not idle: those that callers hold now, and those dropped
     * as broken, which happens only when the connection fails and its pool is replaced.
     */
    int inUse() {
        return capacity - idle.size();
    }

    @Override
    public String toString() {
        return idle.size() + " of " + capacity + " sessions idle";
    }
}

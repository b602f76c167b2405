package dev.modelservice.signer.pkcs11;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the calls of one connection that found no idle session and had to wait, over all of
 * its logins, so that the counts only grow as metrics counters must.
 */
final class SessionWaits {
    private final LongAdder waits = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();

    /** Records one wait of {@code nanos}, which ended with a session or, when {@code timedOut}, without one. */
    void record(long nanos, boolean timedOut) {
        waits.increment();
        waitedNanos.add(nanos);
        if (timedOut) {
            timeouts.increment();
        }
    }

    long waits() {
        return waits.sum();
    }

    long timeouts() {
        return timeouts.sum();
    }

    Duration waited() {
        return Duration.ofNanos(waitedNanos.sum());
    }
}

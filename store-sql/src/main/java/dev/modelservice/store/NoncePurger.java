package dev.modelservice.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired request-id nonces in the background, so that the nonce table stays small.
 *
 * <p>A nonce is kept for a grace period after it expires, so that a device that sends it late gets
 * the error that it expired rather than that it is unknown. A failed purge is logged and tried again
 * at the next interval; the purger then reports itself as {@link State#FAILING} until a purge
 * succeeds. With several service instances on one database each may run a purger: a delete of
 * rows that another instance deleted first only finds nothing.
 */
public final class NoncePurger implements AutoCloseable {

    /** The purger's lifecycle. */
    public enum State {
        NEW,
        RUNNING,
        /** Running, but the last purge failed. */
        FAILING,
        STOPPED
    }

    private static final Logger LOG = LoggerFactory.getLogger(NoncePurger.class);

    /** After the first failure in a row, a failure is logged only every this many tries. */
    private static final int FAILURE_LOG_EVERY = 60;

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Nonces nonces;
    private final Clock clock;
    private final Duration interval;
    private final Duration grace;

    private ScheduledExecutorService executor;
    private volatile boolean started;
    private volatile boolean stopped;
    private volatile Instant lastPurgeAt;
    private volatile int lastPurgeCount;
    private volatile int failuresInARow;

    /**
     * @param interval the time between the end of one purge and the start of the next
     * @param grace how long after its expiry a nonce is kept
     */
    public NoncePurger(Nonces nonces, Clock clock, Duration interval, Duration grace) {
        if (nonces == null || clock == null) {
            throw new IllegalArgumentException("nonce purger needs the nonces and a clock");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("nonce purge interval " + interval + " is invalid; give a positive duration");
        }
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("nonce purge grace period " + grace + " is invalid; give zero or more");
        }
        this.nonces = nonces;
        this.clock = clock;
        this.interval = interval;
        this.grace = grace;
    }

    /** Starts purging every interval, the first time one interval from now. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("nonce purger was started already; create a new one to start again");
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nonce-purger");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::purgeInBackground, millis, millis, TimeUnit.MILLISECONDS);
        started = true;
        LOG.info("Nonce purger started: every {}, keeping expired nonces for {}", interval, grace);
    }

    /** Stops purging and waits for a purge in progress to end. Stopping twice does nothing. */
    public synchronized void stop() {
        if (!started || stopped) {
            stopped = true;
            return;
        }
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Nonce purger did not stop within {}; a purge is still running", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
        LOG.info("Nonce purger stopped");
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Purges once now, in the calling thread.
     *
     * @return how many nonces were deleted
     * @throws StoreException when the purge fails
     */
    public int purgeNow() {
        int count = nonces.purgeExpired(clock.instant().minus(grace));
        lastPurgeAt = clock.instant();
        lastPurgeCount = count;
        return count;
    }

    public State state() {
        if (stopped) {
            return State.STOPPED;
        }
        if (!started) {
            return State.NEW;
        }
        return failuresInARow > 0 ? State.FAILING : State.RUNNING;
    }

    private void purgeInBackground() {
        try {
            int count = purgeNow();
            if (failuresInARow > 0) {
                LOG.info("Nonce purge succeeded again after {} failures", failuresInARow);
                failuresInARow = 0;
            }
            if (count > 0) {
                LOG.debug("Purged {} expired nonces", count);
            }
        } catch (RuntimeException e) {
            failuresInARow++;
            if (failuresInARow == 1 || failuresInARow % FAILURE_LOG_EVERY == 0) {
                LOG.warn("Nonce purge failed ({} in a row); trying again in {}", failuresInARow, interval, e);
            }
        }
    }

    @Override
    public String toString() {
        return "NoncePurger[state=" + state() + ", interval=" + interval + ", grace=" + grace
                + ", lastPurgeAt=" + lastPurgeAt + ", lastPurgeCount=" + lastPurgeCount
                + ", failuresInARow=" + failuresInARow + "]";
    }
}

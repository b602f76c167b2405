package dev.modelservice.signer.softhsm.test;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SigningKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Threads that sign distinct messages in a loop until stopped, checking every signature
 * with the public key and counting what happened. A thread whose call fails with a
 * temporary error waits briefly and retries, as a client would.
 */
final class SigningRun implements AutoCloseable {
    /** How long a run may take to reach a count before the test fails; far above what a healthy run needs. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Signer signer;
    private final SigningKey key;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong verified = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final AtomicLong temporaryFailures = new AtomicLong();
    private final List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());

    SigningRun(Signer signer, SigningKey key, int threadCount) {
        this.signer = signer;
        this.key = key;
        for (int i = 0; i < threadCount; i++) {
            threads.add(new Thread(this::signUntilStopped, "signing-run-" + i));
        }
    }

    SigningRun start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void signUntilStopped() {
        while (!stopped.get()) {
            byte[] data = ByteBuffer.allocate(16).putLong(sequence.incrementAndGet()).putLong(System.nanoTime()).array();
            try {
                byte[] signature = signer.sign(key.handle(), data);
                if (Signers.verifies(key.publicKey(), data, signature)) {
                    verified.incrementAndGet();
                } else {
                    badSignatures.incrementAndGet();
                }
            } catch (SignerException e) {
                if (e.kind() == SignerException.Kind.TOKEN_UNAVAILABLE) {
                    temporaryFailures.incrementAndGet();
                    pause();
                } else {
                    unexpected.add(e);
                }
            } catch (RuntimeException e) {
                unexpected.add(e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code counter} reaches {@code target}; fails the test after {@link #PATIENCE}. */
    void awaitCount(String description, LongSupplier counter, long target) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (counter.getAsLong() < target) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(description + " stayed at " + counter.getAsLong() + " of " + target + " for "
                        + PATIENCE + "; signer: " + signer + "; unexpected errors: " + unexpected);
            }
            Thread.sleep(10);
        }
    }

    long verified() {
        return verified.get();
    }

    long badSignatures() {
        return badSignatures.get();
    }

    long temporaryFailures() {
        return temporaryFailures.get();
    }

    List<Throwable> unexpectedErrors() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }

    /** Stops the threads and waits for them. */
    void stop() throws InterruptedException {
        stopped.set(true);
        for (Thread thread : threads) {
            thread.join(PATIENCE.toMillis());
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

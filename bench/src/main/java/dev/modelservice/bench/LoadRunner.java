package dev.modelservice.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the operations of a timed phase, each once, and times them. Closed loop: a fixed
 * number of workers each start the next operation when their last one ends. Open loop
 * (paced): operations start on a fixed schedule, whatever the service's latency, and each
 * latency counts from the scheduled start, so that a queue building up in the service shows
 * in the percentiles.
 */
final class LoadRunner {
    /** One operation, numbered from 0; it must not throw for an error of the service, but return it. */
    @FunctionalInterface
    interface Operation {
        Outcome run(int index);
    }

    /**
     * The raw results of a phase.
     *
     * @param started how many operations ran; fewer than requested when the time limit cut the phase short
     * @param latencyNanos the latency of each operation that ran, by index
     * @param outcomes the outcome of each operation by index, null for one that did not run
     * @param wallNanos from the first start to the last end
     */
    record Run(int requested, int started, long[] latencyNanos, Outcome[] outcomes, long wallNanos, CpuUse cpu) {
        boolean cutShort() {
            return started < requested;
        }
    }

    private final Duration timeLimit;
    private final OptionalLong servicePid;

    LoadRunner(Duration timeLimit, OptionalLong servicePid) {
        this.timeLimit = timeLimit;
        this.servicePid = servicePid;
    }

    /** Runs {@code count} operations on {@code concurrency} workers; none starts after the time limit. */
    Run closedLoop(String name, int count, int concurrency, Operation operation) {
        long[] latencies = new long[count];
        Outcome[] outcomes = new Outcome[count];
        AtomicInteger next = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(concurrency);
        CountDownLatch go = new CountDownLatch(1);
        long[] startAndDeadline = new long[2];

        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            Thread worker = new Thread(() -> {
                ready.countDown();
                awaitQuietly(go);
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long begin = System.nanoTime();
                    if (begin - startAndDeadline[1] > 0) {
                        break;
                    }
                    outcomes[i] = operation.run(i);
                    latencies[i] = System.nanoTime() - begin;
                }
            }, name + "-worker-" + w);
            worker.setDaemon(true);
            workers.add(worker);
        }

        workers.forEach(Thread::start);
        awaitQuietly(ready);
        CpuMeter meter = CpuMeter.start(servicePid);
        startAndDeadline[0] = System.nanoTime();
        startAndDeadline[1] = startAndDeadline[0] + timeLimit.toNanos();
        // The latch publishes the start and deadline to the workers.
        go.countDown();
        joinAll(workers);
        long wall = System.nanoTime() - startAndDeadline[0];
        CpuUse cpu = meter.stop();
        return new Run(count, startedCount(outcomes), latencies, outcomes, wall, cpu);
    }

    /**
     * Starts {@code count} operations at {@code ratePerSecond}, on up to {@code maxInFlight}
     * threads; an operation that finds every thread busy waits, and its wait counts in its
     * latency.
     */
    Run paced(String name, int count, double ratePerSecond, int maxInFlight, Operation operation) {
        long[] latencies = new long[count];
        Outcome[] outcomes = new Outcome[count];
        long intervalNanos = (long) (1e9 / ratePerSecond);
        AtomicInteger threadCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, name + "-worker-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });

        CpuMeter meter = CpuMeter.start(servicePid);
        long start = System.nanoTime();
        long deadline = start + timeLimit.toNanos();
        long[] lastEnd = new long[count];
        for (int i = 0; i < count; i++) {
            long scheduled = start + i * intervalNanos;
            if (scheduled - deadline > 0) {
                break;
            }
            parkUntil(scheduled);
            int index = i;
            pool.execute(() -> {
                outcomes[index] = operation.run(index);
                long end = System.nanoTime();
                latencies[index] = end - scheduled;
                lastEnd[index] = end;
            });
        }
        pool.shutdown();
        awaitTermination(pool);
        long end = start;
        for (long value : lastEnd) {
            end = Math.max(end, value);
        }
        CpuUse cpu = meter.stop();
        return new Run(count, startedCount(outcomes), latencies, outcomes, end - start, cpu);
    }

    private static int startedCount(Outcome[] outcomes) {
        int started = 0;
        for (Outcome outcome : outcomes) {
            if (outcome != null) {
                started++;
            }
        }
        return started;
    }

    private static void parkUntil(long nanoTime) {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while starting a phase", e);
        }
    }

    private static void joinAll(List<Thread> threads) {
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted while waiting for a phase to end", e);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // keeps waiting: every operation has a timeout of its own
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new BenchException("interrupted while waiting for a paced phase to end", e);
        }
    }
}

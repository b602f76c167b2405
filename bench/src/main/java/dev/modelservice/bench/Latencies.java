package dev.modelservice.bench;

import java.util.Arrays;

/**
 * The latency distribution of one phase, in nanoseconds, with nearest-rank percentiles: the
 * p-th percentile is the smallest recorded latency that is at least as large as p percent of
 * them, so it is always a latency that was measured.
 *
 * @param count how many latencies were recorded
 */
record Latencies(int count, long p50, long p95, long p99, long max, long mean) {

    static final Latencies NONE = new Latencies(0, 0, 0, 0, 0, 0);

    /** Summarises the first {@code count} entries of {@code nanos}; the array is not changed. */
    static Latencies of(long[] nanos, int count) {
        if (count < 0 || count > nanos.length) {
            throw new IllegalArgumentException("count " + count + " is outside 0.." + nanos.length);
        }
        if (count == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        long sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Latencies(count, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[count - 1], sum / count);
    }

    /**
     * Returns the nearest-rank {@code percent}-th percentile of {@code sorted}, which must be
     * sorted ascending and not empty.
     */
    static long percentile(long[] sorted, double percent) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no latencies to take a percentile of");
        }
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("percentile " + percent + " is outside (0, 100]");
        }
        // percent * length first: for whole percentages that product is exact, so the rank is too.
        int rank = (int) Math.ceil(percent * sorted.length / 100);
        return sorted[Math.max(rank, 1) - 1];
    }
}

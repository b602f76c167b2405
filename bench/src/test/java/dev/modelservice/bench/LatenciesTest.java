package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles: always a measured latency, never an interpolation. */
class LatenciesTest {
    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

    @Test
    void hundredValuesGivePercentRanks() {
        Latencies latencies = Latencies.of(ONE_TO_HUNDRED, 100);

        assertEquals(50, latencies.p50());
        assertEquals(95, latencies.p95());
        assertEquals(99, latencies.p99());
        assertEquals(100, latencies.max());
        assertEquals(50, latencies.mean());
        assertEquals(100, latencies.count());
    }

    @Test
    void percentileRoundsRankUp() {
        long[] sorted = {10, 20, 30};

        assertEquals(20, Latencies.percentile(sorted, 50));
        assertEquals(30, Latencies.percentile(sorted, 95));
    }

    @Test
    void tenValuesP99IsMaximum() {
        long[] sorted = LongStream.rangeClosed(1, 10).toArray();

        assertEquals(10, Latencies.percentile(sorted, 99));
        assertEquals(5, Latencies.percentile(sorted, 50));
    }

    @Test
    void singleValueIsEveryPercentile() {
        Latencies latencies = Latencies.of(new long[] {7}, 1);

        assertEquals(7, latencies.p50());
        assertEquals(7, latencies.p99());
        assertEquals(7, latencies.max());
    }

    @Test
    void onlyFirstCountEntriesCount() {
        Latencies latencies = Latencies.of(new long[] {3, 1, 2, 1000, 1000}, 3);

        assertEquals(3, latencies.max());
        assertEquals(2, latencies.p50());
    }

    @Test
    void unsortedInputStaysUnchanged() {
        long[] nanos = {5, 3, 9, 1};

        Latencies.of(nanos, 4);

        assertArrayEquals(new long[] {5, 3, 9, 1}, nanos);
    }

    @Test
    void noValuesGiveZeros() {
        assertEquals(Latencies.NONE, Latencies.of(new long[4], 0));
    }

    @Test
    void percentileOutsideRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(ONE_TO_HUNDRED, 0));
        assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(ONE_TO_HUNDRED, 100.5));
    }

    @Test
    void countBeyondArrayIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Latencies.of(new long[2], 3));
    }
}

package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every operation runs once, in closed and paced loops, and the time limit stops new ones. */
class LoadRunnerTest {
    private static final LoadRunner RUNNER = new LoadRunner(Duration.ofMinutes(1), OptionalLong.empty());

    @Test
    void closedLoopRunsEachIndexOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(100);

        LoadRunner.Run run = RUNNER.closedLoop("test", 100, 4, i -> {
            runs.incrementAndGet(i);
            return Outcome.OK;
        });

        for (int i = 0; i < 100; i++) {
            assertEquals(1, runs.get(i), "runs of index " + i);
        }
        assertEquals(100, run.started());
        assertFalse(run.cutShort());
    }

    @Test
    void outcomesKeepTheirIndex() {
        LoadRunner.Run run = RUNNER.closedLoop("test", 10, 3,
                i -> i % 2 == 0 ? Outcome.OK : Outcome.error("500", "odd " + i));

        assertTrue(run.outcomes()[4].ok());
        assertEquals("odd 7", run.outcomes()[7].message());
    }

    @Test
    void pacedLoopRunsEachIndexOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(20);

        LoadRunner.Run run = RUNNER.paced("test", 20, 2000, 4, i -> {
            runs.incrementAndGet(i);
            return Outcome.OK;
        });

        for (int i = 0; i < 20; i++) {
            assertEquals(1, runs.get(i), "runs of index " + i);
        }
        assertEquals(20, run.started());
    }

    @Test
    void timeLimitStopsNewOperations() {
        LoadRunner runner = new LoadRunner(Duration.ofMillis(10), OptionalLong.empty());

        LoadRunner.Run run = runner.closedLoop("test", 100, 1, i -> {
            sleep(50);
            return Outcome.OK;
        });

        assertTrue(run.cutShort());
        assertTrue(run.started() < 100, "started " + run.started());
    }

    @Test
    void phaseResultCountsErrorsByKey() {
        LoadRunner.Run run = RUNNER.closedLoop("test", 6, 2, i -> i < 4 ? Outcome.OK
                : Outcome.error("409 serial-taken", "serial " + i + " taken"));

        PhaseResult result = PhaseResult.of("serial", 2, null, run, run.outcomes(), java.util.Map.of());

        assertEquals(4, result.succeeded());
        assertEquals(2, result.errors().get("409 serial-taken"));
        assertTrue(result.errorExamples().get("409 serial-taken").startsWith("serial "));
        assertEquals(4, result.latencies().count());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

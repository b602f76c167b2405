package dev.modelservice.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The measured result of one timed phase.
 *
 * @param mode {@code serial}, {@code serial-paced}, {@code registration}, {@code request-id} or {@code raw-sign}
 * @param concurrency the closed loop's workers; for {@code serial-paced} the most operations in flight
 * @param targetRate for {@code serial-paced}, the rate operations were started at, per second; else null
 * @param requested the operations the phase was to run
 * @param succeeded the operations that succeeded, their responses verified
 * @param errors the failed operations, by error key
 * @param errorExamples the message of the first failure of each error key
 * @param seconds from the first start to the last end
 * @param latencies the latencies of the operations that succeeded
 * @param parts for {@code registration}, the latencies of its {@code request-id} and {@code serial} calls
 * @param cutShort whether the time limit stopped the phase before every operation ran
 */
record PhaseResult(String mode, int concurrency, Double targetRate, int requested, int succeeded,
        SortedMap<String, Integer> errors, Map<String, String> errorExamples, double seconds, Latencies latencies,
        Map<String, Latencies> parts, boolean cutShort, CpuUse cpu) {

    /**
     * Builds the result of a run whose outcomes were checked afterwards.
     *
     * @param outcomes the final outcome of each operation by index, null for one that did not run
     */
    static PhaseResult of(String mode, int concurrency, Double targetRate, LoadRunner.Run run, Outcome[] outcomes,
            Map<String, long[]> partNanos) {
        SortedMap<String, Integer> errors = new TreeMap<>();
        Map<String, String> examples = new LinkedHashMap<>();
        long[] succeededNanos = new long[outcomes.length];
        boolean[] succeededAt = new boolean[outcomes.length];
        int succeeded = 0;
        for (int i = 0; i < outcomes.length; i++) {
            Outcome outcome = outcomes[i];
            if (outcome == null) {
                continue;
            }
            if (outcome.ok()) {
                succeededNanos[succeeded++] = run.latencyNanos()[i];
                succeededAt[i] = true;
            } else {
                errors.merge(outcome.errorKey(), 1, Integer::sum);
                examples.putIfAbsent(outcome.errorKey(), outcome.message());
            }
        }

        Map<String, Latencies> parts = new LinkedHashMap<>();
        int partCount = countOf(succeededAt);
        partNanos.forEach((name, nanos) -> parts.put(name, Latencies.of(only(nanos, succeededAt), partCount)));
        return new PhaseResult(mode, concurrency, targetRate, run.requested(), succeeded,
                Collections.unmodifiableSortedMap(errors), Collections.unmodifiableMap(examples),
                run.wallNanos() / 1e9, Latencies.of(succeededNanos, succeeded), Collections.unmodifiableMap(parts),
                run.cutShort(), run.cpu());
    }

    private static long[] only(long[] nanos, boolean[] keep) {
        long[] selected = new long[nanos.length];
        int count = 0;
        for (int i = 0; i < nanos.length; i++) {
            if (keep[i]) {
                selected[count++] = nanos[i];
            }
        }
        return selected;
    }

    private static int countOf(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        return count;
    }

    int errorCount() {
        return errors.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Returns the successful operations per second. */
    double rate() {
        return seconds > 0 ? succeeded / seconds : 0;
    }
}

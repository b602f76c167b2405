package dev.modelservice.bench;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything one benchmark run measured, with what it ran against, for the text and JSON
 * reports.
 *
 * @param peakRssBytes the service's VmHWM after the last phase, or null without its PID
 * @param rssBytes the service's VmRSS after the last phase, or null without its PID
 * @param startupMillis the service's start-up time as the caller measured it, or null
 * @param notes warnings about the run, such as phases cut short
 */
record Report(String runId, Instant started, Environment environment, Plan plan, PhaseOne phaseOne,
        List<PhaseResult> phases, Long peakRssBytes, Long rssBytes, Long startupMillis, List<Goal> goals,
        List<String> notes) {

    /**
     * The machine and the service.
     *
     * @param serviceConnections the signing connections of the service's pkcs11 signer
     * @param servicePid the service's process id, or null when not given
     */
    record Environment(int cores, String cpuModel, long memoryBytes, String javaVersion, String serviceVersion,
            String database, String hsmPath, int serviceConnections, String deviceUrl, String adminUrl,
            Long servicePid, String brand, String key) {
    }

    /**
     * The parts, sizes and limits that the run was given.
     *
     * @param rawSignConnections the signing connections of the raw-sign part
     * @param client the HTTP client of the timed phases, {@code jetty} or {@code jdk}
     * @param deviceKeyBits the modulus length of the device keys
     */
    record Plan(int count, List<Integer> concurrency, List<Mode> modes, int timeLimitSeconds, int warmUp,
            int rawSignConnections, String client, int deviceKeyBits) {
    }

    /**
     * The untimed preparation.
     *
     * @param keysLoaded device keys read from the cache
     * @param keysGenerated device keys generated and added to the cache
     * @param batches the batches of serial-requests prepared, one per timed serial phase
     * @param serialRequests the serial-requests signed in those batches
     * @param requestIdSeconds the time spent fetching their request-ids
     * @param signingSeconds the time spent signing them
     */
    record PhaseOne(int keysLoaded, int keysGenerated, double keysSeconds, int batches, int serialRequests,
            double requestIdSeconds, double signingSeconds) {
    }

    /** Returns the timed phases of one mode, in the order they ran. */
    List<PhaseResult> phases(String mode) {
        return phases.stream().filter(phase -> phase.mode().equals(mode)).toList();
    }

    /** Returns the highest rate among the phases of {@code mode}. */
    OptionalDouble peakRate(String mode) {
        return phases(mode).stream().mapToDouble(PhaseResult::rate).max();
    }

    Optional<PhaseResult> phase(String mode, int concurrency) {
        return phases(mode).stream().filter(phase -> phase.concurrency() == concurrency).findFirst();
    }

    int totalErrors() {
        return phases.stream().mapToInt(PhaseResult::errorCount).sum();
    }
}

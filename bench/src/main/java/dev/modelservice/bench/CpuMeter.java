package dev.modelservice.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** Measures {@link CpuUse} between its creation and {@link #stop()}. */
final class CpuMeter {
    private final OptionalLong servicePid;
    private final int cores;
    private final long startNanos;
    private final Duration benchStart;
    private final Optional<Duration> serviceStart;
    private final ProcessStats.MachineCpu machineStart;

    private CpuMeter(OptionalLong servicePid) {
        this.servicePid = servicePid;
        this.cores = Runtime.getRuntime().availableProcessors();
        this.machineStart = ProcessStats.machineCpu();
        this.benchStart = ProcessStats.ownCpuTime();
        this.serviceStart = servicePid.isPresent() ? ProcessStats.cpuTime(servicePid.getAsLong()) : Optional.empty();
        this.startNanos = System.nanoTime();
    }

    static CpuMeter start(OptionalLong servicePid) {
        return new CpuMeter(servicePid);
    }

    CpuUse stop() {
        long wallNanos = Math.max(1, System.nanoTime() - startNanos);
        Duration benchEnd = ProcessStats.ownCpuTime();
        Optional<Duration> serviceEnd = servicePid.isPresent()
                ? ProcessStats.cpuTime(servicePid.getAsLong()) : Optional.empty();
        ProcessStats.MachineCpu machineEnd = ProcessStats.machineCpu();

        double capacity = (double) wallNanos * cores;
        double bench = benchEnd.minus(benchStart).toNanos() / capacity;
        Double service = serviceStart.isPresent() && serviceEnd.isPresent()
                ? serviceEnd.get().minus(serviceStart.get()).toNanos() / capacity : null;
        long total = machineEnd.total() - machineStart.total();
        double machine = total > 0 ? (double) (machineEnd.busy() - machineStart.busy()) / total : 0;
        return new CpuUse(bench, service, machine);
    }
}

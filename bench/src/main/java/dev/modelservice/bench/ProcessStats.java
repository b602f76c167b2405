package dev.modelservice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** CPU time and memory of processes and of the machine, read from Linux's /proc. */
final class ProcessStats {
    private ProcessStats() {
    }

    /** Machine-wide CPU time from the first line of /proc/stat, in clock ticks. */
    record MachineCpu(long busy, long total) {
    }

    /** Returns the CPU time (user and system) that process {@code pid} used so far, or empty when unreadable. */
    static Optional<Duration> cpuTime(long pid) {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    /** Returns the benchmark process's own CPU time so far. */
    static Duration ownCpuTime() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Returns the peak resident set size (VmHWM) of {@code pid} in bytes, or empty when it is not readable. */
    static OptionalLong peakRssBytes(long pid) {
        return statusField(pid, "VmHWM");
    }

    /** Returns the current resident set size (VmRSS) of {@code pid} in bytes, or empty when it is not readable. */
    static OptionalLong rssBytes(long pid) {
        return statusField(pid, "VmRSS");
    }

    private static OptionalLong statusField(long pid, String field) {
        try {
            return statusKilobytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")), field)
                    .stream().map(kilobytes -> kilobytes * 1024).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** Reads a {@code NAME:   123 kB} line of a /proc/PID/status text, in kilobytes. */
    static OptionalLong statusKilobytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).strip().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                }
            }
        }
        return OptionalLong.empty();
    }

    /** Returns the machine's CPU counters, or zeros when /proc/stat is not readable. */
    static MachineCpu machineCpu() {
        try {
            return parseProcStat(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException | RuntimeException e) {
            return new MachineCpu(0, 0);
        }
    }

    /**
     * Parses the {@code cpu} line of /proc/stat: user, nice, system, idle, iowait, irq,
     * softirq, steal, in ticks. Idle and iowait count as not busy; guest time is already
     * in user time.
     */
    static MachineCpu parseProcStat(String cpuLine) {
        String[] fields = cpuLine.strip().split("\\s+");
        if (!fields[0].equals("cpu") || fields.length < 5) {
            throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
        }
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new MachineCpu(total - idle, total);
    }
}

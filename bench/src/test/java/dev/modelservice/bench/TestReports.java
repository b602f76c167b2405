package dev.modelservice.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Reports built from chosen numbers, for the tests of goals and formatting. */
final class TestReports {
    static final CpuUse CPU = new CpuUse(0.05, 0.9, 0.97);

    private TestReports() {
    }

    /** Returns a phase whose operations all succeeded at {@code rate} per second, with latencies in milliseconds. */
    static PhaseResult phase(String mode, int concurrency, double rate, double p50, double p99) {
        int count = 1000;
        return new PhaseResult(mode, concurrency, null, count, count, new TreeMap<>(), Map.of(), count / rate,
                latencies(count, p50, p99), Map.of(), false, CPU);
    }

    static PhaseResult paced(double targetRate, double p99) {
        return new PhaseResult("serial-paced", 64, targetRate, 1000, 1000, new TreeMap<>(), Map.of(),
                1000 / targetRate, latencies(1000, p99 / 2, p99), Map.of(), false, CPU);
    }

    static PhaseResult withErrors(String mode, int concurrency, String key, int errors, String message) {
        SortedMap<String, Integer> counts = new TreeMap<>(Map.of(key, errors));
        return new PhaseResult(mode, concurrency, null, 1000, 1000 - errors, counts, Map.of(key, message), 10,
                latencies(1000 - errors, 5, 9), Map.of(), false, CPU);
    }

    static Latencies latencies(int count, double p50Millis, double p99Millis) {
        long p50 = (long) (p50Millis * 1e6);
        long p99 = (long) (p99Millis * 1e6);
        return new Latencies(count, p50, (p50 + p99) / 2, p99, p99 + 1_000_000, p50);
    }

    static Report.Environment environment(String database, String hsmPath, int connections) {
        return new Report.Environment(2, "AMD EPYC", 24L << 30, "Debian 17.0.15", "0.1.0", database, hsmPath,
                connections, "http://127.0.0.1:8080/", "http://127.0.0.1:8081/", 4242L, "acme", "serials");
    }

    static Report.Plan plan(int rawSignConnections) {
        return new Report.Plan(1000, List.of(1, 2), List.of(Mode.values()), 120, 200, rawSignConnections, "jetty",
                4096);
    }

    static Report report(Report.Environment environment, Report.Plan plan, List<PhaseResult> phases,
            Long peakRssBytes, Long startupMillis) {
        Report.PhaseOne phaseOne = new Report.PhaseOne(990, 10, 12.5, 3, 3000, 1.2, 20.4);
        Report report = new Report("bench-20260101-120000-abcd", Instant.parse("2026-01-01T12:00:00Z"), environment,
                plan, phaseOne, phases, peakRssBytes, peakRssBytes, startupMillis, List.of(), List.of());
        return new Report(report.runId(), report.started(), environment, plan, phaseOne, phases, peakRssBytes,
                peakRssBytes, startupMillis, Goals.evaluate(report), List.of("a note"));
    }

    /** Returns a run where every goal passes, on HSQLDB through p11-kit with 2 connections. */
    static Report passing() {
        List<PhaseResult> phases = new ArrayList<>();
        phases.add(phase("raw-sign", 1, 180, 5.5, 6.5));
        phases.add(phase("raw-sign", 2, 350, 5.6, 7.0));
        phases.add(phase("serial", 1, 170, 5.8, 7.1));
        phases.add(phase("serial", 2, 340, 5.9, 8.0));
        phases.add(paced(170, 12.5));
        phases.add(new PhaseResult("registration", 2, null, 1000, 1000, new TreeMap<>(), Map.of(), 5,
                latencies(1000, 9, 15), Map.of("request-id", latencies(1000, 1, 2), "serial", latencies(1000, 7, 12)),
                false, CPU));
        phases.add(phase("request-id", 2, 3500, 0.5, 1.5));
        return report(environment("HSQLDB", "p11-kit", 2), plan(2), phases, 200L << 20, 2100L);
    }
}

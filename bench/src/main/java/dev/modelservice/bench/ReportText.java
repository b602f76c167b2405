package dev.modelservice.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report as text for a terminal: the run's setting, one table per mode with a row per
 * concurrency, the errors, the service's memory, and the goals. Latencies are in
 * milliseconds; CPU shares are percentages of all the machine's cores.
 */
final class ReportText {
    private static final String HEADER = String.format(Locale.ROOT, "%11s %7s %7s %9s %8s %8s %8s %8s %6s %8s %8s",
            "concurrency", "ok", "errors", "rate/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "bench", "service",
            "machine");

    private ReportText() {
    }

    static String format(Report report) {
        StringBuilder text = new StringBuilder();
        setting(text, report);
        phaseOne(text, report);
        table(text, report, "raw-sign", "raw-sign: signatures through the Signer SPI in this process, each verified");
        table(text, report, "serial", "serial: phase two, pre-signed serial-requests posted, every response verified;"
                + " 'vs raw' is the rate over raw-sign's at the same concurrency");
        table(text, report, "serial-paced", "serial-paced: started at half the serial peak rate on up to "
                + "64 threads; latency counts from the scheduled start");
        table(text, report, "registration", "registration: request-id, the device's own signature in this"
                + " process, serial; latency of the whole, and p99 of each call");
        table(text, report, "request-id", "request-id: POST request-id alone");
        errors(text, report);
        service(text, report);
        goals(text, report.goals());
        notes(text, report.notes());
        return text.toString();
    }

    private static void setting(StringBuilder text, Report report) {
        Report.Environment environment = report.environment();
        Report.Plan plan = report.plan();
        line(text, "Model Service benchmark %s, started %s", report.runId(), report.started());
        line(text, "machine: %d cores, %s, %.1f GiB, Java %s", environment.cores(), environment.cpuModel(),
                environment.memoryBytes() / (1024.0 * 1024 * 1024), environment.javaVersion());
        line(text, "service: version %s, device API %s, admin API %s, PID %s", environment.serviceVersion(),
                environment.deviceUrl(), environment.adminUrl(),
                environment.servicePid() == null ? "not given" : environment.servicePid());
        line(text, "         %s database, signer via %s on %d connections, brand %s, key %s", environment.database(),
                environment.hsmPath(), environment.serviceConnections(), environment.brand(), environment.key());
        line(text, "plan:    %d per phase, concurrency %s, modes %s", plan.count(),
                plan.concurrency().stream().map(String::valueOf).collect(Collectors.joining(",")),
                plan.modes().stream().map(Mode::label).collect(Collectors.joining(",")));
        line(text, "         time limit %d s per phase, warm-up %d, raw-sign on %d connections, %s HTTP client",
                plan.timeLimitSeconds(), plan.warmUp(), plan.rawSignConnections(), plan.client());
    }

    private static void phaseOne(StringBuilder text, Report report) {
        Report.PhaseOne phaseOne = report.phaseOne();
        text.append('\n');
        line(text, "phase one (untimed): %d RSA-%d device keys, %d read from the cache and %d generated, in %.1f s",
                phaseOne.keysLoaded() + phaseOne.keysGenerated(), report.plan().deviceKeyBits(), phaseOne.keysLoaded(),
                phaseOne.keysGenerated(), phaseOne.keysSeconds());
        line(text, "         %d batches of serial-requests, %d in all: request-ids in %.1f s, signing in %.1f s",
                phaseOne.batches(), phaseOne.serialRequests(), phaseOne.requestIdSeconds(), phaseOne.signingSeconds());
    }

    private static void table(StringBuilder text, Report report, String mode, String title) {
        List<PhaseResult> phases = report.phases(mode);
        if (phases.isEmpty()) {
            return;
        }
        text.append('\n').append(title).append('\n');
        String extra = switch (mode) {
            case "serial" -> String.format(Locale.ROOT, " %7s", "vs raw");
            case "registration" -> String.format(Locale.ROOT, " %9s %9s", "rid p99", "ser p99");
            default -> "";
        };
        text.append(HEADER).append(extra).append('\n');
        for (PhaseResult phase : phases) {
            text.append(row(phase)).append(extraColumns(report, phase)).append(phase.cutShort() ? "  cut short" : "")
                    .append('\n');
        }
    }

    /** Formats the common columns of a row; a paced phase shows its target rate in place of a concurrency. */
    static String row(PhaseResult phase) {
        String first = phase.targetRate() == null ? Integer.toString(phase.concurrency())
                : String.format(Locale.ROOT, "%.1f/s", phase.targetRate());
        Latencies latencies = phase.latencies();
        CpuUse cpu = phase.cpu();
        return String.format(Locale.ROOT, "%11s %7d %7d %9.1f %8.2f %8.2f %8.2f %8.2f %6s %8s %8s", first,
                phase.succeeded(), phase.errorCount(), phase.rate(), millis(latencies.p50()),
                millis(latencies.p95()), millis(latencies.p99()), millis(latencies.max()), percent(cpu.bench()),
                cpu.service() == null ? "-" : percent(cpu.service()), percent(cpu.machine()));
    }

    private static String extraColumns(Report report, PhaseResult phase) {
        if (phase.mode().equals("serial")) {
            Optional<PhaseResult> raw = report.phase("raw-sign", phase.concurrency());
            return String.format(Locale.ROOT, " %7s", raw.isPresent() && raw.get().rate() > 0
                    ? String.format(Locale.ROOT, "%.2f", phase.rate() / raw.get().rate()) : "-");
        }
        if (phase.mode().equals("registration")) {
            Map<String, Latencies> parts = phase.parts();
            return String.format(Locale.ROOT, " %9.2f %9.2f", millis(parts.get("request-id").p99()),
                    millis(parts.get("serial").p99()));
        }
        return "";
    }

    private static void errors(StringBuilder text, Report report) {
        if (report.totalErrors() == 0) {
            return;
        }
        text.append("\nerrors (status and code: count, first message)\n");
        for (PhaseResult phase : report.phases()) {
            phase.errors().forEach((key, count) -> line(text, "  %s at %s: %s: %d, \"%s\"", phase.mode(),
                    phase.targetRate() == null ? "concurrency " + phase.concurrency()
                            : String.format(Locale.ROOT, "%.1f/s", phase.targetRate()),
                    key, count, phase.errorExamples().get(key)));
        }
    }

    private static void service(StringBuilder text, Report report) {
        text.append('\n');
        if (report.peakRssBytes() != null) {
            line(text, "service memory: peak RSS (VmHWM) %.0f MiB, RSS %s after the last phase",
                    report.peakRssBytes() / (1024.0 * 1024),
                    report.rssBytes() == null ? "unknown" : String.format(Locale.ROOT, "%.0f MiB",
                            report.rssBytes() / (1024.0 * 1024)));
        } else {
            line(text, "service memory: not measured (give --service-pid)");
        }
        if (report.startupMillis() != null) {
            line(text, "service start-up: %.2f s to a healthy /health, as its starter measured",
                    report.startupMillis() / 1000.0);
        }
    }

    private static void goals(StringBuilder text, List<Goal> goals) {
        text.append("\ngoals (for a 2-core machine; reported, never enforced)\n");
        for (Goal goal : goals) {
            line(text, "  %-4s %-52s %s", goal.status().label(), goal.name(), goal.measured());
        }
    }

    private static void notes(StringBuilder text, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        text.append("\nnotes\n");
        for (String note : notes) {
            line(text, "  - %s", note);
        }
    }

    static double millis(long nanos) {
        return nanos / 1e6;
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    private static void line(StringBuilder text, String pattern, Object... values) {
        text.append(String.format(Locale.ROOT, pattern, values)).append('\n');
    }
}

package dev.modelservice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The performance goals for a 2-core machine, checked against one run. Each goal says
 * PASS, FAIL, or n/a with the reason it was not measured.
 */
final class Goals {
    static final double SIGNING_RATIO = 0.9;
    static final int SIGNING_RATIO_CONNECTIONS = 2;
    static final double PACED_P99_MILLIS = 20;
    static final double REQUEST_ID_RATE = 3000;
    static final long PEAK_RSS_BYTES = 256L * 1024 * 1024;
    static final long STARTUP_MILLIS = 3000;

    static final String SIGNING_RATIO_GOAL = "serial peak >= " + SIGNING_RATIO + " x raw-sign peak, "
            + SIGNING_RATIO_CONNECTIONS + " connections";
    static final String PACED_P99_GOAL = "p99 at half the peak rate <= " + (int) PACED_P99_MILLIS + " ms";
    static final String REQUEST_ID_GOAL = "request-id >= " + (int) REQUEST_ID_RATE + "/s on HSQLDB";
    static final String ERRORS_GOAL = "zero errors, every response verified";
    static final String RSS_GOAL = "service peak RSS (VmHWM) <= 256 MiB";
    static final String STARTUP_GOAL = "service ready within 3 s";

    private Goals() {
    }

    static List<Goal> evaluate(Report report) {
        List<Goal> goals = new ArrayList<>();
        goals.add(signingRatio(report));
        goals.add(pacedP99(report));
        goals.add(requestIdRate(report));
        goals.add(errors(report));
        goals.add(peakRss(report));
        goals.add(startup(report));
        return goals;
    }

    private static Goal signingRatio(Report report) {
        OptionalDouble serial = report.peakRate("serial");
        OptionalDouble raw = report.peakRate("raw-sign");
        if (serial.isEmpty() || raw.isEmpty() || raw.getAsDouble() == 0) {
            return Goal.notMeasured(SIGNING_RATIO_GOAL, "needs the serial and raw-sign modes in one run");
        }
        int service = report.environment().serviceConnections();
        int rawSign = report.plan().rawSignConnections();
        if (service != SIGNING_RATIO_CONNECTIONS || rawSign != SIGNING_RATIO_CONNECTIONS) {
            return Goal.notMeasured(SIGNING_RATIO_GOAL, "the service signs on " + service + " and raw-sign on "
                    + rawSign + " connections; the goal is for " + SIGNING_RATIO_CONNECTIONS + " each");
        }
        double ratio = serial.getAsDouble() / raw.getAsDouble();
        return Goal.check(SIGNING_RATIO_GOAL, ratio >= SIGNING_RATIO, format("%.2f (%.1f / %.1f per s)", ratio,
                serial.getAsDouble(), raw.getAsDouble()));
    }

    private static Goal pacedP99(Report report) {
        List<PhaseResult> paced = report.phases("serial-paced");
        if (paced.isEmpty() || paced.get(0).succeeded() == 0) {
            return Goal.notMeasured(PACED_P99_GOAL, "needs the serial mode");
        }
        PhaseResult phase = paced.get(0);
        double p99 = phase.latencies().p99() / 1e6;
        return Goal.check(PACED_P99_GOAL, p99 <= PACED_P99_MILLIS,
                format("%.1f ms at %.1f/s", p99, phase.targetRate()));
    }

    private static Goal requestIdRate(Report report) {
        OptionalDouble peak = report.peakRate("request-id");
        if (peak.isEmpty()) {
            return Goal.notMeasured(REQUEST_ID_GOAL, "needs the request-id mode");
        }
        String measured = format("%.0f/s", peak.getAsDouble());
        if (!report.environment().database().equals("HSQLDB")) {
            return Goal.notMeasured(REQUEST_ID_GOAL, measured + " on " + report.environment().database()
                    + "; the goal is for HSQLDB");
        }
        return Goal.check(REQUEST_ID_GOAL, peak.getAsDouble() >= REQUEST_ID_RATE, measured);
    }

    private static Goal errors(Report report) {
        if (report.phases().isEmpty()) {
            return Goal.notMeasured(ERRORS_GOAL, "no timed phase ran");
        }
        int errors = report.totalErrors();
        int succeeded = report.phases().stream().mapToInt(PhaseResult::succeeded).sum();
        Optional<PhaseResult> cut = report.phases().stream().filter(PhaseResult::cutShort).findFirst();
        String measured = errors + " errors, " + succeeded + " responses verified"
                + (cut.isPresent() ? "; some phases were cut short by the time limit" : "");
        return Goal.check(ERRORS_GOAL, errors == 0, measured);
    }

    private static Goal peakRss(Report report) {
        if (report.peakRssBytes() == null) {
            return Goal.notMeasured(RSS_GOAL, "needs --service-pid");
        }
        double mebibytes = report.peakRssBytes() / (1024.0 * 1024);
        return Goal.check(RSS_GOAL, report.peakRssBytes() <= PEAK_RSS_BYTES, format("%.0f MiB", mebibytes));
    }

    private static Goal startup(Report report) {
        if (report.startupMillis() == null) {
            return Goal.notMeasured(STARTUP_GOAL, "needs --startup-ms, which scripts/bench-matrix measures");
        }
        return Goal.check(STARTUP_GOAL, report.startupMillis() <= STARTUP_MILLIS,
                format("%.2f s", report.startupMillis() / 1000.0));
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}

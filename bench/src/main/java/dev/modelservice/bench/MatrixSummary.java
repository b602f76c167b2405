package dev.modelservice.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Markdown tables over the JSON reports of several runs, one run per service configuration
 * (database, HSM path, signing connections), as scripts/bench-matrix makes them. Each
 * database gets one table per measure, with a row per concurrency and a column per
 * configuration, and then a table with a row per configuration: its peaks and goals.
 *
 * <p>A file may also record a configuration whose service did not start:
 * {@code {"configuration": {...}, "failure": "why"}}.
 */
final class MatrixSummary {
    /** One configuration's report, or the reason it has none. */
    record Entry(String database, String hsmPath, int connections, JsonNode report, String failure) {
        String column() {
            return hsmPath + ", " + connections + (connections == 1 ? " connection" : " connections");
        }
    }

    private MatrixSummary() {
    }

    static List<Entry> read(List<Path> files) {
        List<Entry> entries = new ArrayList<>();
        for (Path file : files) {
            JsonNode json;
            try {
                json = ReportJson.JSON.readTree(file.toFile());
            } catch (IOException e) {
                throw new BenchException("cannot read report " + file + ": " + e.getMessage()
                        + "; give the files that 'model-service-bench run --json' wrote", e);
            }
            JsonNode configuration = json.path("configuration");
            if (!configuration.isObject()) {
                throw new BenchException(file + " has no \"configuration\"; give the files that"
                        + " 'model-service-bench run --json' or scripts/bench-matrix wrote");
            }
            String failure = json.path("failure").isTextual() ? json.get("failure").asText() : null;
            entries.add(new Entry(configuration.path("database").asText("unknown"),
                    configuration.path("hsm-path").asText("unknown"), configuration.path("connections").asInt(),
                    failure == null ? json : null, failure));
        }
        entries.sort(Comparator.comparing(Entry::database, knownFirst("HSQLDB", "PostgreSQL"))
                .thenComparing(Entry::hsmPath, knownFirst("p11-kit"))
                .thenComparingInt(Entry::connections));
        return entries;
    }

    static String markdown(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        for (String database : entries.stream().map(Entry::database).distinct().toList()) {
            List<Entry> columns = entries.stream().filter(entry -> entry.database().equals(database)).toList();
            text.append("## ").append(database).append("\n\n");
            byConcurrency(text, "Serials per second (p99 ms), phase two", columns, "serial",
                    (phase, entry) -> rateAndP99(phase));
            byConcurrency(text, "Raw signatures per second through the Signer SPI", columns, "raw-sign",
                    (phase, entry) -> number("%.1f", phase.path("rate").asDouble()));
            byConcurrency(text, "Serial rate over raw-sign rate", columns, "serial",
                    (phase, entry) -> ratio(phase, entry));
            byConcurrency(text, "Registrations per second (p99 ms)", columns, "registration",
                    (phase, entry) -> rateAndP99(phase));
            byConcurrency(text, "Request-ids per second (p99 ms)", columns, "request-id",
                    (phase, entry) -> rateAndP99(phase));
            perConfiguration(text, columns);
        }
        return text.toString();
    }

    private static void byConcurrency(StringBuilder text, String title, List<Entry> columns, String mode,
            BiFunction<JsonNode, Entry, String> cell) {
        TreeSet<Integer> levels = new TreeSet<>();
        for (Entry entry : columns) {
            if (entry.report() != null) {
                phases(entry, mode).forEach(phase -> levels.add(phase.path("concurrency").asInt()));
            }
        }
        if (levels.isEmpty()) {
            return;
        }
        text.append(title).append(":\n\n| concurrency |");
        columns.forEach(entry -> text.append(' ').append(entry.column()).append(" |"));
        text.append("\n| ---: |");
        columns.forEach(entry -> text.append(" ---: |"));
        text.append('\n');
        for (int level : levels) {
            text.append("| ").append(level).append(" |");
            for (Entry entry : columns) {
                String value = entry.report() == null ? "failed" : phases(entry, mode).stream()
                        .filter(phase -> phase.path("concurrency").asInt() == level).findFirst()
                        .map(phase -> cell.apply(phase, entry)).orElse("-");
                text.append(' ').append(value).append(" |");
            }
            text.append('\n');
        }
        text.append('\n');
    }

    private static void perConfiguration(StringBuilder text, List<Entry> columns) {
        text.append("Per configuration:\n\n| configuration | serial peak/s | raw-sign peak/s | ratio | p99 ms at half"
                + " peak | request-id peak/s | peak RSS MiB | start-up s | errors | goals passed |\n"
                + "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Entry entry : columns) {
            text.append("| ").append(entry.column()).append(" | ");
            if (entry.report() == null) {
                text.append("failed: ").append(entry.failure().replace("|", "\\|")).append(" |||||||||\n");
                continue;
            }
            double serial = peak(entry, "serial");
            double raw = peak(entry, "raw-sign");
            JsonNode report = entry.report();
            List<JsonNode> paced = phases(entry, "serial-paced");
            text.append(String.join(" | ",
                    number("%.1f", serial),
                    number("%.1f", raw),
                    raw > 0 && serial >= 0 ? number("%.2f", serial / raw) : "-",
                    paced.isEmpty() ? "-" : number("%.1f", paced.get(0).path("latency-ms").path("p99").asDouble()),
                    number("%.0f", peak(entry, "request-id")),
                    optional(report.path("service-memory").path("peak-rss-bytes"), bytes -> bytes / (1024.0 * 1024),
                            "%.0f"),
                    optional(report.path("startup-ms"), millis -> millis / 1000, "%.2f"),
                    Integer.toString(errors(report)),
                    goalsPassed(report)));
            text.append(" |\n");
        }
        text.append('\n');
    }

    private static List<JsonNode> phases(Entry entry, String mode) {
        List<JsonNode> phases = new ArrayList<>();
        for (JsonNode phase : entry.report().path("phases")) {
            if (phase.path("mode").asText().equals(mode)) {
                phases.add(phase);
            }
        }
        return phases;
    }

    /** Returns the highest rate among the phases of {@code mode}, or -1 when none ran. */
    private static double peak(Entry entry, String mode) {
        return phases(entry, mode).stream().mapToDouble(phase -> phase.path("rate").asDouble()).max().orElse(-1);
    }

    private static String rateAndP99(JsonNode phase) {
        return number("%.1f", phase.path("rate").asDouble()) + " ("
                + number("%.1f", phase.path("latency-ms").path("p99").asDouble()) + ")";
    }

    private static String ratio(JsonNode serial, Entry entry) {
        int level = serial.path("concurrency").asInt();
        return phases(entry, "raw-sign").stream()
                .filter(raw -> raw.path("concurrency").asInt() == level && raw.path("rate").asDouble() > 0)
                .findFirst()
                .map(raw -> number("%.2f", serial.path("rate").asDouble() / raw.path("rate").asDouble()))
                .orElse("-");
    }

    private static int errors(JsonNode report) {
        int errors = 0;
        for (JsonNode phase : report.path("phases")) {
            for (JsonNode count : phase.path("errors")) {
                errors += count.asInt();
            }
        }
        return errors;
    }

    private static String goalsPassed(JsonNode report) {
        int passed = 0;
        int measured = 0;
        for (JsonNode goal : report.path("goals")) {
            String status = goal.path("status").asText();
            if (!status.equals("n/a")) {
                measured++;
            }
            if (status.equals("PASS")) {
                passed++;
            }
        }
        return passed + " of " + measured + " measured";
    }

    private static String optional(JsonNode value, Function<Double, Double> scale, String pattern) {
        return value.isNumber() ? number(pattern, scale.apply(value.asDouble())) : "-";
    }

    /** Returns "-" for the -1 that {@link #peak} returns when a mode did not run. */
    private static String number(String pattern, double value) {
        return value < 0 ? "-" : String.format(Locale.ROOT, pattern, value);
    }

    /** Orders {@code known} values first, in the order given, and the others after them by name. */
    private static Comparator<String> knownFirst(String... known) {
        return Comparator.<String>comparingInt(value -> rank(value, known)).thenComparing(Comparator.naturalOrder());
    }

    /** Returns the position of {@code value} among {@code known}, with unknown values last. */
    private static int rank(String value, String... known) {
        for (int i = 0; i < known.length; i++) {
            if (known[i].equals(value)) {
                return i;
            }
        }
        return known.length;
    }
}

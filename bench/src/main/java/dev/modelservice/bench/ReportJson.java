package dev.modelservice.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The report as JSON, for scripts and for {@code model-service-bench summary}. Names use
 * dashes as the admin API does; latencies are in milliseconds, CPU shares are fractions of
 * all cores, sizes are in bytes.
 */
final class ReportJson {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    static void write(Report report, Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            JSON.writeValue(file.toFile(), toJson(report));
        } catch (IOException e) {
            throw new BenchException("cannot write the JSON report to " + file + " (--json): " + e.getMessage(), e);
        }
    }

    static ObjectNode toJson(Report report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run-id", report.runId());
        root.put("started", report.started().toString());
        root.set("configuration", configuration(report.environment()));
        root.set("environment", environment(report.environment()));
        root.set("plan", plan(report.plan()));
        root.set("phase-one", phaseOne(report.phaseOne()));
        ArrayNode phases = root.putArray("phases");
        report.phases().forEach(phase -> phases.add(phase(phase)));
        ObjectNode memory = root.putObject("service-memory");
        memory.put("peak-rss-bytes", report.peakRssBytes());
        memory.put("rss-bytes", report.rssBytes());
        root.put("startup-ms", report.startupMillis());
        ArrayNode goals = root.putArray("goals");
        for (Goal goal : report.goals()) {
            goals.addObject().put("name", goal.name()).put("status", goal.status().label())
                    .put("measured", goal.measured());
        }
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    /** Returns the three values that tell the matrix's configurations apart. */
    static ObjectNode configuration(Report.Environment environment) {
        return JSON.createObjectNode()
                .put("database", environment.database())
                .put("hsm-path", environment.hsmPath())
                .put("connections", environment.serviceConnections());
    }

    private static ObjectNode environment(Report.Environment environment) {
        ObjectNode node = JSON.createObjectNode()
                .put("cores", environment.cores())
                .put("cpu-model", environment.cpuModel())
                .put("memory-bytes", environment.memoryBytes())
                .put("java", environment.javaVersion())
                .put("service-version", environment.serviceVersion())
                .put("device-url", environment.deviceUrl())
                .put("admin-url", environment.adminUrl())
                .put("brand", environment.brand())
                .put("key", environment.key());
        node.put("service-pid", environment.servicePid());
        return node;
    }

    private static ObjectNode plan(Report.Plan plan) {
        ObjectNode node = JSON.createObjectNode().put("count", plan.count());
        ArrayNode concurrency = node.putArray("concurrency");
        plan.concurrency().forEach(concurrency::add);
        ArrayNode modes = node.putArray("modes");
        plan.modes().forEach(mode -> modes.add(mode.label()));
        return node.put("time-limit-s", plan.timeLimitSeconds())
                .put("warm-up", plan.warmUp())
                .put("raw-sign-connections", plan.rawSignConnections())
                .put("client", plan.client())
                .put("device-key-bits", plan.deviceKeyBits());
    }

    private static ObjectNode phaseOne(Report.PhaseOne phaseOne) {
        return JSON.createObjectNode()
                .put("keys-loaded", phaseOne.keysLoaded())
                .put("keys-generated", phaseOne.keysGenerated())
                .put("keys-s", phaseOne.keysSeconds())
                .put("batches", phaseOne.batches())
                .put("serial-requests", phaseOne.serialRequests())
                .put("request-ids-s", phaseOne.requestIdSeconds())
                .put("signing-s", phaseOne.signingSeconds());
    }

    private static ObjectNode phase(PhaseResult phase) {
        ObjectNode node = JSON.createObjectNode()
                .put("mode", phase.mode())
                .put("concurrency", phase.concurrency());
        node.put("target-rate", phase.targetRate());
        node.put("requested", phase.requested())
                .put("succeeded", phase.succeeded())
                .put("seconds", phase.seconds())
                .put("rate", phase.rate())
                .put("cut-short", phase.cutShort());
        ObjectNode errors = node.putObject("errors");
        phase.errors().forEach(errors::put);
        ObjectNode examples = node.putObject("error-examples");
        phase.errorExamples().forEach(examples::put);
        node.set("latency-ms", latencies(phase.latencies()));
        ObjectNode parts = node.putObject("parts-latency-ms");
        for (Map.Entry<String, Latencies> part : phase.parts().entrySet()) {
            parts.set(part.getKey(), latencies(part.getValue()));
        }
        ObjectNode cpu = node.putObject("cpu");
        cpu.put("bench", phase.cpu().bench());
        cpu.put("service", phase.cpu().service());
        cpu.put("machine", phase.cpu().machine());
        return node;
    }

    private static ObjectNode latencies(Latencies latencies) {
        return JSON.createObjectNode()
                .put("count", latencies.count())
                .put("p50", latencies.p50() / 1e6)
                .put("p95", latencies.p95() / 1e6)
                .put("p99", latencies.p99() / 1e6)
                .put("max", latencies.max() / 1e6)
                .put("mean", latencies.mean() / 1e6);
    }
}

package dev.modelservice.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Describes the machine and the service for the report. */
final class Environments {
    private Environments() {
    }

    static Report.Environment describe(BenchSettings settings, JsonNode status, String brand, String key) {
        ServiceConfig config = settings.serviceConfig().orElse(null);
        return new Report.Environment(
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                memoryBytes(),
                System.getProperty("java.vm.vendor") + " " + Runtime.version(),
                status.path("version").asText("unknown"),
                config == null ? "unknown" : config.database(),
                config == null ? "unknown" : config.hsmPath(),
                config == null ? ServiceConfig.DEFAULT_CONNECTIONS : config.signerConnections(),
                settings.deviceUrl().toString(),
                settings.adminUrl().toString(),
                settings.servicePid().isPresent() ? settings.servicePid().getAsLong() : null,
                brand,
                key);
    }

    /** Returns the {@code model name} of /proc/cpuinfo, or {@code unknown}. */
    static String cpuModel() {
        return cpuModel(readLines(Path.of("/proc/cpuinfo")));
    }

    static String cpuModel(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("model name")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    return line.substring(colon + 1).strip();
                }
            }
        }
        return "unknown";
    }

    /** Returns MemTotal of /proc/meminfo in bytes, or 0 when it is not readable. */
    static long memoryBytes() {
        OptionalLong kilobytes = ProcessStats.statusKilobytes(String.join("\n", readLines(Path.of("/proc/meminfo"))),
                "MemTotal");
        return kilobytes.isPresent() ? kilobytes.getAsLong() * 1024 : 0;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report: milliseconds, fractions of cores, and the configuration that tells runs apart. */
class ReportJsonTest {

    @Test
    void configurationNamesDatabasePathAndConnections() {
        JsonNode configuration = ReportJson.toJson(TestReports.passing()).get("configuration");

        assertEquals("HSQLDB", configuration.get("database").asText());
        assertEquals("p11-kit", configuration.get("hsm-path").asText());
        assertEquals(2, configuration.get("connections").asInt());
    }

    @Test
    void phaseHasRateAndMilliseconds() {
        JsonNode serial = ReportJson.toJson(TestReports.passing()).get("phases").get(2);

        assertEquals("serial", serial.get("mode").asText());
        assertEquals(170.0, serial.get("rate").asDouble(), 1e-9);
        assertEquals(7.1, serial.get("latency-ms").get("p99").asDouble(), 1e-9);
        assertEquals(0.05, serial.get("cpu").get("bench").asDouble(), 1e-9);
        assertTrue(serial.get("target-rate").isNull());
    }

    @Test
    void registrationHasPartLatencies() {
        JsonNode registration = ReportJson.toJson(TestReports.passing()).get("phases").get(5);

        assertEquals(12.0, registration.get("parts-latency-ms").get("serial").get("p99").asDouble(), 1e-9);
    }

    @Test
    void goalsHaveStatusLabels() {
        JsonNode goal = ReportJson.toJson(TestReports.passing()).get("goals").get(0);

        assertEquals("PASS", goal.get("status").asText());
    }

    @Test
    void writtenFileReadsBack(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("reports/run.json");

        ReportJson.write(TestReports.passing(), file);

        assertEquals("bench-20260101-120000-abcd", ReportJson.JSON.readTree(file.toFile()).get("run-id").asText());
    }
}

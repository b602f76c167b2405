package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import dev.modelservice.signer.softhsm.test.ExternalPrograms;
import dev.modelservice.signer.softhsm.test.SoftHsm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged bench, {@code target/model-service-bench}, run briefly against the packaged
 * service on SoftHSM behind a real p11-kit server and an HSQLDB file: 8 devices at
 * concurrency 2 in every mode, each response verified. The device keys are RSA-2048, because
 * a first run generates them and RSA-4096 keys take seconds each on a busy machine.
 */
class BenchIT {
    private static final Path SERVICE_LAUNCHER = Path.of(System.getProperty("model-service.launcher",
            "../server/target/model-service"));
    private static final Path BENCH_LAUNCHER = Path.of(System.getProperty("bench.launcher",
            "target/model-service-bench"));
    private static final Pattern RUNNING = Pattern.compile(
            "Model Service running; admin API on (\\S+) and device API on (\\S+)");
    private static final long PROCESS_LIMIT_SECONDS = 120;
    private static final int COUNT = 8;

    private static Path work;
    private static SoftHsm hsm;
    private static Process service;
    private static JsonNode report;
    private static URI adminUri;
    private static String token;
    private static String out;

    @BeforeAll
    static void runBench() throws Exception {
        List<String> missing = ExternalPrograms.missing();
        if (!missing.isEmpty()) {
            String message = "BenchIT needs " + String.join(", ", missing) + "; install them with apt-get";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        work = Files.createDirectories(Path.of("target", "bench-it").toAbsolutePath());
        hsm = SoftHsm.start(Files.createTempDirectory(work, "hsm-"), "bench-it", "4711");
        Path config = writeConfiguration(Files.createTempDirectory(work, "service-"));

        run(List.of(SERVICE_LAUNCHER.toString(), "init", "--config", config.toString(), "--brand-account-id", "acme"));
        service = new ProcessBuilder(SERVICE_LAUNCHER.toString(), "run", "--config", config.toString())
                .redirectError(work.resolve("service.log").toFile())
                .start();
        URI[] uris = awaitUris(service);
        adminUri = uris[0];
        Path tokenFile = config.resolveSibling("data/admin-token");
        token = Files.readString(tokenFile).strip();
        createKey();

        Path json = work.resolve("report.json");
        out = run(List.of(BENCH_LAUNCHER.toString(), "run", "--service-config", config.toString(),
                "--admin-url", uris[0].toString(), "--device-url", uris[1].toString(),
                "--admin-token-file", tokenFile.toString(), "--service-pid", Long.toString(service.pid()),
                "--count", Integer.toString(COUNT), "--concurrency", "2", "--warm-up", "0",
                "--device-key-bits", "2048",
                "--cache-dir", Path.of("target", "bench-it-cache").toAbsolutePath().toString(),
                "--json", json.toString()));
        report = ReportJson.JSON.readTree(json.toFile());
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (hsm != null) {
            hsm.stop();
        }
    }

    private static Path writeConfiguration(Path folder) throws IOException {
        StringBuilder text = new StringBuilder("data-dir = data\nadmin.host = 127.0.0.1\nadmin.port = 0\n"
                + "device.host = 127.0.0.1\ndevice.port = 0\n");
        for (Map.Entry<String, String> setting : hsm.signerSettings().entrySet()) {
            text.append("signer.pkcs11.").append(setting.getKey()).append(" = ").append(setting.getValue())
                    .append('\n');
        }
        return Files.writeString(folder.resolve("model-service.properties"), text);
    }

    /** Reads the service's output until it names the admin and device URIs; it exits first only on failure. */
    private static URI[] awaitUris(Process process) throws Exception {
        CompletableFuture<URI[]> uris = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        uris.complete(new URI[] {URI.create(running.group(1)), URI.create(running.group(2))});
                    }
                }
                uris.completeExceptionally(new IllegalStateException("model-service exited with status "
                        + process.waitFor() + " before it served; see " + work.resolve("service.log")));
            } catch (IOException | InterruptedException e) {
                uris.completeExceptionally(e);
            }
        }, "service-output");
        reader.setDaemon(true);
        reader.start();
        return uris.get(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Creates the signing key of the run's serial policies; 2048 bits, because the HSM generates it here. */
    private static void createKey() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(adminUri.resolve("v1/keys"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"bench-it-key\", \"bits\": 2048}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
    }

    /** Runs a command to its end and returns its standard output; its standard error goes to the build log. */
    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish within " + PROCESS_LIMIT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), command + " failed:\n" + text);
        return text;
    }

    private static JsonNode phase(String mode) {
        for (JsonNode phase : report.get("phases")) {
            if (phase.get("mode").asText().equals(mode)) {
                return phase;
            }
        }
        throw new AssertionError("no " + mode + " phase in " + report);
    }

    @Test
    void everyModeVerifiesEveryResponse() {
        for (String mode : List.of("raw-sign", "serial", "serial-paced", "registration", "request-id")) {
            JsonNode phase = phase(mode);

            assertEquals(COUNT, phase.get("succeeded").asInt(), mode + ": " + phase);
            assertEquals(0, phase.get("errors").size(), mode + ": " + phase);
        }
    }

    @Test
    void errorGoalPasses() {
        JsonNode goal = report.get("goals").get(3);

        assertEquals(Goals.ERRORS_GOAL, goal.get("name").asText());
        assertEquals("PASS", goal.get("status").asText(), goal.toString());
    }

    @Test
    void serviceMemoryIsMeasured() {
        assertTrue(report.get("service-memory").get("peak-rss-bytes").asLong() > 0, report.toString());
    }

    @Test
    void configurationNamesHsqldbThroughP11Kit() {
        assertEquals("HSQLDB", report.get("configuration").get("database").asText());
        assertEquals("p11-kit", report.get("configuration").get("hsm-path").asText());
    }

    @Test
    void textReportHasGoals() {
        assertTrue(out.contains("goals (for a 2-core machine; reported, never enforced)"), out);
    }

    @Test
    void runDeletesItsModels() throws Exception {
        String models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(adminUri.resolve("v1/models"))
                .header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString()).body();

        assertEquals("[]", models.strip());
    }
}

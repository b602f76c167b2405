package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher, {@code target/model-service}, on the module path as production runs
 * it: {@code init}, then {@code run}, then a status request with the token that init wrote
 * and a metrics scrape.
 */
@ExtendWith(HsmResolver.class)
class ModelServiceLauncherIT {
    private static final Path LAUNCHER = Path.of(System.getProperty("model-service.launcher", "target/model-service"));
    private static final Pattern RUNNING = Pattern.compile("Model Service running; admin API on (\\S+)");
    private static final long PROCESS_LIMIT_SECONDS = 120;

    private record Run(int exitStatus, String out, String err) {
    }

    @Test
    void initThenRunServesStatus(SoftHsm hsm, @TempDir Path folder) throws Exception {
        Path config = writeConfiguration(hsm, folder);

        Run init = launch(List.of("init", "--config", config.toString(), "--brand-account-id", "acme",
                "--display-name", "Acme Corp"));
        assertEquals(0, init.exitStatus(), init.err());
        assertTrue(init.out().contains(folder.resolve("data/admin-token").toString()), init.out());
        String token = Files.readString(folder.resolve("data/admin-token")).strip();

        Process service = start(List.of("run", "--config", config.toString()));
        try {
            URI admin = awaitAdminUri(service);
            AdminClient.Reply status = new AdminClient(admin, token).get("/v1/status");
            AdminClient.Reply metrics = new AdminClient(admin, null).get("/metrics");

            assertEquals(200, status.status(), status.body());
            assertEquals("acme", status.json().get("brands").get(0).get("account-id").asText());
            assertTrue(status.json().get("signer").get("healthy").asBoolean(), status.body());
            assertEquals(200, metrics.status(), metrics.body());
            assertEquals(1, MetricsScrape.parse(metrics.body()).value("model_service_hsm_up"), metrics.body());
            assertTrue(MetricsScrape.parse(metrics.body()).has("jvm_memory_used_bytes"), metrics.body());
        } finally {
            service.destroy();
            if (!service.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    @Test
    void secondInitSaysNothingChanged(@TempDir Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("model-service.properties"), "data-dir = data\n");
        launch(List.of("init", "--config", config.toString(), "--brand-account-id", "acme"));

        Run second = launch(List.of("init", "--config", config.toString(), "--brand-account-id", "acme"));

        assertEquals(0, second.exitStatus(), second.err());
        assertTrue(second.out().contains("nothing changed"), second.out());
    }

    @Test
    void badConfigurationIsOneLineError(@TempDir Path folder) throws Exception {
        Path config = Files.writeString(folder.resolve("model-service.properties"), "admin.port = eighty\n");

        Run run = launch(List.of("run", "--config", config.toString()));

        assertEquals(1, run.exitStatus());
        assertTrue(run.err().contains("model-service run: In " + config + ": admin.port is \"eighty\""), run.err());
    }

    @Test
    void helpListsCommands() throws Exception {
        Run run = launch(List.of("--help"));

        assertTrue(run.out().contains("init"), run.out());
        assertTrue(run.out().contains("run"), run.out());
    }

    private static Path writeConfiguration(SoftHsm hsm, Path folder) throws IOException {
        StringBuilder text = new StringBuilder("data-dir = data\nadmin.host = 127.0.0.1\nadmin.port = 0\n"
                + "device.host = 127.0.0.1\ndevice.port = 0\n");
        for (Map.Entry<String, String> setting : hsm.signerSettings().entrySet()) {
            text.append("signer.pkcs11.").append(setting.getKey()).append(" = ").append(setting.getValue()).append('\n');
        }
        return Files.writeString(folder.resolve("model-service.properties"), text);
    }

    /** Reads the service's output until it names the admin URI, and fails when the process exits first. */
    private static URI awaitAdminUri(Process service) throws Exception {
        CompletableFuture<URI> uri = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    Matcher running = RUNNING.matcher(line);
                    if (running.find()) {
                        return URI.create(running.group(1));
                    }
                }
                throw new IllegalStateException("model-service run exited with status " + service.waitFor()
                        + " before serving; its log is above");
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        return uri.get(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS);
    }

    private static Process start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    private static Run launch(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process));
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(LAUNCHER + " did not finish within " + PROCESS_LIMIT_SECONDS + " s");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(Process process) {
        try {
            return process.getErrorStream().readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

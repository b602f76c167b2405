package dev.modelservice.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code bin/model-service run} process that serves, stopped with SIGTERM on close. */
final class ServiceProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Model Service running; admin API on (\\S+)");

    private final Process process;
    private final URI adminUri;
    private final Path log;

    private ServiceProcess(Process process, URI adminUri, Path log) {
        this.process = process;
        this.adminUri = adminUri;
        this.log = log;
    }

    /**
     * Reads the service's standard output until it names the admin API's URI.
     *
     * @throws IllegalStateException with the service's log when it exits first or takes
     *     longer than {@link UnpackedRelease#PROCESS_LIMIT_SECONDS}
     */
    static ServiceProcess awaitRunning(Process process, Path log) {
        CompletableFuture<URI> adminUri = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, adminUri), "model-service-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        try {
            return new ServiceProcess(process, adminUri.get(UnpackedRelease.PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS),
                    log);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/model-service run failed to start serving: " + e + "\n"
                    + readLog(log), e);
        }
    }

    /** Completes {@code adminUri} from the output and then drains the output, so the service never blocks on it. */
    private static void readOutput(Process process, CompletableFuture<URI> adminUri) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                Matcher running = RUNNING.matcher(line);
                if (running.find()) {
                    adminUri.complete(URI.create(running.group(1)));
                }
            }
            adminUri.completeExceptionally(new IllegalStateException(
                    "model-service exited with status " + process.waitFor() + " before it served"));
        } catch (IOException | InterruptedException e) {
            adminUri.completeExceptionally(e);
        }
    }

    URI adminUri() {
        return adminUri;
    }

    /** Returns what the service logged to standard error so far. */
    String log() {
        return readLog(log);
    }

    private static String readLog(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(UnpackedRelease.PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "ServiceProcess[pid " + process.pid() + (process.isAlive() ? " running" : " exited")
                + ", admin API " + adminUri + "]";
    }
}

package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The release tarball unpacked with {@code tar} into a folder, and its launchers run as
 * separate processes, as an operator runs them.
 *
 * <p>The launchers get the test JVM's environment without {@code P11_KIT_SERVER_ADDRESS},
 * so that {@code bin/model-service} must export it from the configuration, and with
 * {@code JAVA} set to the test JVM's java.
 */
final class UnpackedRelease {
    static final Path TARBALL = Path.of(System.getProperty("distribution.tarball",
            "target/model-service-0.1.0-SNAPSHOT.tar.gz"));
    static final long PROCESS_LIMIT_SECONDS = 120;

    /** A finished launcher: its exit status and output. */
    record Run(int exitStatus, String out, String err) {
    }

    private final Path home;
    private final Path work;

    private UnpackedRelease(Path home, Path work) {
        this.home = home;
        this.work = work;
    }

    /** Unpacks the tarball into {@code folder}, where it creates its single top folder. */
    static UnpackedRelease unpack(Path folder) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "--extract", "--gzip", "--file", TARBALL.toAbsolutePath().toString(),
                "--directory", folder.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, tar.waitFor(), "tar failed on " + TARBALL + ": " + output);

        List<Path> top;
        try (Stream<Path> entries = Files.list(folder)) {
            top = entries.toList();
        }
        assertEquals(1, top.size(), "the tarball must unpack to one folder: " + top);
        Path work = Files.createDirectories(folder.resolve("work"));
        return new UnpackedRelease(top.get(0), work);
    }

    Path home() {
        return home;
    }

    /** Returns a folder beside the release for the test's own files. */
    Path work() {
        return work;
    }

    Path shippedConfiguration() {
        return home.resolve("conf/model-service.conf");
    }

    /**
     * Returns the configuration lines that run the service on two free loopback ports,
     * with its data in {@code dataDir} and the brand keys in {@code hsm} through the signer
     * provider named {@code provider}.
     */
    static String configuration(Path dataDir, Ports ports, SoftHsm hsm, String provider) {
        StringBuilder text = new StringBuilder()
                .append("data-dir = ").append(dataDir).append('\n')
                .append("admin.host = 127.0.0.1\n")
                .append("admin.port = ").append(ports.admin()).append('\n')
                .append("device.host = 127.0.0.1\n")
                .append("device.port = ").append(ports.device()).append('\n')
                .append("signer.provider = ").append(provider).append('\n');
        hsm.signerSettings().forEach((key, value) ->
                text.append("signer.").append(provider).append('.').append(key).append(" = ").append(value).append('\n'));
        return text.toString();
    }

    /** Appends {@code lines} to the release's own {@code conf/model-service.conf}. */
    void appendToShippedConfiguration(String lines) throws IOException {
        Files.writeString(shippedConfiguration(), lines, StandardOpenOption.APPEND);
    }

    /** Runs {@code bin/LAUNCHER ARGS} to its end. */
    Run launch(String launcher, List<String> args, Map<String, String> environment)
            throws IOException, InterruptedException {
        Process process = processBuilder(launcher, args, environment).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(process));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/" + launcher + " " + args + " did not finish within "
                    + PROCESS_LIMIT_SECONDS + " s");
        }
        return new Run(process.exitValue(), out, err.join());
    }

    /** Starts {@code bin/model-service run ARGS} with {@code environment} added and waits until it serves. */
    ServiceProcess startService(List<String> args, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of("run"));
        command.addAll(args);
        Path log = work.resolve("model-service.log");
        Process process = processBuilder("model-service", command, environment)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return ServiceProcess.awaitRunning(process, log);
    }

    private ProcessBuilder processBuilder(String launcher, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve(launcher).toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().remove(SoftHsm.SERVER_ADDRESS_VARIABLE);
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("XDG_CONFIG_HOME", work.resolve("config-home").toString());
        builder.environment().putAll(environment);
        return builder;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two loopback ports that were free a moment ago, for the admin and the device listener. */
    record Ports(int admin, int device) {
        static Ports free() throws IOException {
            try (ServerSocket admin = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                    ServerSocket device = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                return new Ports(admin.getLocalPort(), device.getLocalPort());
            }
        }
    }

    static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public String toString() {
        return "UnpackedRelease[" + home + "]";
    }
}

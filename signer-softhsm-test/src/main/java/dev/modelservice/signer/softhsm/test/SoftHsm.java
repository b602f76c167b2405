package dev.modelservice.signer.softhsm.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh SoftHSMv2 token in a folder of its own, served by a {@link P11KitServer} on the
 * socket that {@code P11_KIT_SERVER_ADDRESS} names, as production reaches an HSM.
 */
public final class SoftHsm {
    public static final String SERVER_ADDRESS_VARIABLE = "P11_KIT_SERVER_ADDRESS";
    /** The longest unix socket path Linux accepts: sun_path has room for 108 bytes with the final NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    private final Path folder;
    private final String tokenLabel;
    private final String userPin;
    private final Path pinFile;
    private final String serverAddress;
    private final Map<String, String> environment;
    private final P11KitServer server;

    private SoftHsm(Path folder, String tokenLabel, String userPin, String serverAddress, Path socket)
            throws IOException {
        this.folder = folder;
        this.tokenLabel = tokenLabel;
        this.userPin = userPin;
        this.serverAddress = serverAddress;
        this.pinFile = Files.writeString(folder.resolve("user.pin"), userPin + "\n");
        this.environment = Map.of("SOFTHSM2_CONF", writeConfiguration(folder).toString());
        this.server = new P11KitServer(socket, "pkcs11:token=" + tokenLabel, environment,
                folder.resolve("p11-kit-server.log"));
    }

    /**
     * Creates a token labelled {@code tokenLabel} under {@code folder} and starts a p11-kit
     * server for it on the socket of {@code P11_KIT_SERVER_ADDRESS}.
     */
    public static SoftHsm start(Path folder, String tokenLabel, String userPin) throws IOException, InterruptedException {
        String address = System.getenv(SERVER_ADDRESS_VARIABLE);
        if (address == null || !address.startsWith("unix:path=")) {
            throw new IllegalStateException(SERVER_ADDRESS_VARIABLE + " is " + address + "; p11-kit-client.so reads"
                    + " the server socket only from it, so run the tests with " + SERVER_ADDRESS_VARIABLE
                    + "=unix:path=/some/short/path.sock (Maven's surefire configuration sets it)");
        }
        Path socket = Path.of(address.substring("unix:path=".length()));
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            throw new IllegalStateException("Socket path " + socket + " is longer than " + MAX_SOCKET_PATH
                    + " bytes, the limit of unix sockets; build from a folder with a shorter path");
        }
        Files.createDirectories(socket.getParent());

        SoftHsm hsm = new SoftHsm(folder, tokenLabel, userPin, address, socket);
        hsm.initializeToken();
        hsm.server.start();
        return hsm;
    }

    private static Path writeConfiguration(Path folder) throws IOException {
        Path tokens = Files.createDirectories(folder.resolve("tokens"));
        return Files.writeString(folder.resolve("softhsm2.conf"), String.join("\n",
                "directories.tokendir = " + tokens,
                "objectstore.backend = file",
                "log.level = ERROR",
                "slots.removable = false",
                ""));
    }

    private void initializeToken() throws IOException, InterruptedException {
        run(List.of(ExternalPrograms.SOFTHSM_UTIL.toString(), "--init-token", "--free", "--label", tokenLabel,
                "--pin", userPin, "--so-pin", "so-" + userPin), Map.of());
    }

    /**
     * Runs {@code command} with this token's SoftHSM configuration and {@code extraEnvironment},
     * and returns its output.
     *
     * @throws IOException when it exits with a status other than 0
     */
    public String run(List<String> command, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile(folder, "command", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within 120 s");
        }
        String text = Files.readString(output);
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited with status " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    /**
     * Runs p11tool through p11-kit-client.so, logged in to this token, with
     * {@code arguments} and returns its output.
     */
    public String p11tool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ExternalPrograms.P11TOOL.toString(),
                "--provider", ExternalPrograms.P11_KIT_CLIENT_MODULE.toString(), "--login"));
        command.addAll(List.of(arguments));
        return run(command, Map.of("GNUTLS_PIN", userPin));
    }

    /** Returns the PKCS#11 URI of this token, for p11tool. */
    public String tokenUri() {
        return "pkcs11:token=" + tokenLabel;
    }

    /**
     * Returns settings for the PKCS#11 signer provider that reach this token through the
     * p11-kit server, with short waits so that failures show quickly.
     */
    public Map<String, String> signerSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("module", ExternalPrograms.P11_KIT_CLIENT_MODULE.toString());
        settings.put("server-address", serverAddress);
        settings.put("token-label", tokenLabel);
        settings.put("pin-file", pinFile.toString());
        settings.put("connections", "2");
        settings.put("sessions-per-connection", "2");
        settings.put("session-wait-ms", "5000");
        settings.put("call-timeout-ms", "10000");
        settings.put("reconnect-delay-ms", "100");
        settings.put("reconnect-max-delay-ms", "1000");
        return settings;
    }

    public P11KitServer server() {
        return server;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    public Path folder() {
        return folder;
    }

    /** Stops the p11-kit server; the token files stay in the folder. */
    public void stop() throws InterruptedException {
        server.stop();
    }

    @Override
    public String toString() {
        return "SoftHsm[token=" + tokenLabel + ", folder=" + folder + ", " + server + "]";
    }
}

package dev.modelservice.signer.softhsm.test;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code p11-kit server} process serving one SoftHSM token on a unix socket. The server
 * forks one {@code p11-kit-remote} process per client connection.
 */
public final class P11KitServer {
    private static final Logger LOG = LoggerFactory.getLogger(P11KitServer.class);
    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final Path socket;
    private final String tokenUri;
    private final Map<String, String> environment;
    private final Path log;
    private Process process;

    P11KitServer(Path socket, String tokenUri, Map<String, String> environment, Path log) {
        this.socket = socket;
        this.tokenUri = tokenUri;
        this.environment = environment;
        this.log = log;
    }

    /** Starts the server and waits until it accepts connections. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("p11-kit server is already running: " + this);
        }
        Files.deleteIfExists(socket);
        ProcessBuilder builder = new ProcessBuilder(ExternalPrograms.P11_KIT.toString(), "server", "--foreground",
                "--provider", ExternalPrograms.SOFTHSM_MODULE.toString(), "--name", socket.toString(), tokenUri)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        process = builder.start();

        Instant deadline = Instant.now().plus(START_LIMIT);
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IOException("p11-kit server exited with status " + process.exitValue() + "; see " + log);
            }
            if (Instant.now().isAfter(deadline)) {
                kill();
                throw new IOException("p11-kit server did not accept connections on " + socket + " within " + START_LIMIT
                        + "; see " + log);
            }
            Thread.sleep(20);
        }
        LOG.info("Started p11-kit server {} on {}", process.pid(), socket);
    }

    /**
     * Returns true when a client can connect to the socket. The socket file appears before
     * the server listens on it, so its existence is not enough.
     */
    private boolean accepts() {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    /** Returns the pids of the per-connection {@code p11-kit-remote} processes. */
    public synchronized List<Long> connectionProcesses() {
        if (process == null) {
            return List.of();
        }
        return process.descendants().map(ProcessHandle::pid).collect(Collectors.toList());
    }

    /** Kills the per-connection processes with SIGKILL and leaves the server running. */
    public synchronized void killConnectionProcesses() throws InterruptedException {
        if (process == null) {
            return;
        }
        for (ProcessHandle child : process.descendants().collect(Collectors.toList())) {
            child.destroyForcibly();
            waitForExit(child);
        }
    }

    /** Kills the server and every per-connection process with SIGKILL, as a crash would. */
    public synchronized void kill() throws InterruptedException {
        terminate(true);
    }

    /** Stops the server and its per-connection processes with SIGTERM. */
    public synchronized void stop() throws InterruptedException {
        terminate(false);
    }

    private void terminate(boolean forcibly) throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().collect(Collectors.toList());
        if (forcibly) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        } else {
            process.destroy();
            children.forEach(ProcessHandle::destroy);
        }
        if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        for (ProcessHandle child : children) {
            waitForExit(child);
        }
        try {
            // A killed server leaves its socket file behind.
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warn("Cannot remove the socket {} of the p11-kit server: {}", socket, e.getMessage());
        }
        LOG.info("{} p11-kit server {} and its {} connection processes", forcibly ? "Killed" : "Stopped",
                process.pid(), children.size());
        process = null;
    }

    /** Waits for a process that is not the JVM's child, so {@code onExit} would only poll it slowly. */
    private static void waitForExit(ProcessHandle handle) throws InterruptedException {
        Instant deadline = Instant.now().plus(STOP_LIMIT);
        while (handle.isAlive()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("process " + handle.pid() + " did not exit within " + STOP_LIMIT);
            }
            Thread.sleep(5);
        }
    }

    public Path socket() {
        return socket;
    }

    @Override
    public synchronized String toString() {
        return "P11KitServer[" + (process == null ? "stopped" : "pid " + process.pid()
                + (process.isAlive() ? " running" : " exited")) + ", socket=" + socket + ", token=" + tokenUri + "]";
    }
}

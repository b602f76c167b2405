package dev.modelservice.store.sql;

import dev.modelservice.store.StoreSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server from the machine's installation, in a temporary data folder, listening
 * on a free loopback port. It starts on the first {@link #createDatabase} and stops on
 * {@link #close}. PostgreSQL refuses to run as root, so as root it runs as the {@code postgres}
 * system user that Debian's package creates.
 *
 * <p>When no installation is found, the tests that need it are skipped, except under
 * {@code CI=true}, where they fail.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);

    /** Where Debian and Ubuntu install each major version's programs. */
    private static final Path DEBIAN_INSTALLATIONS = Path.of("/usr/lib/postgresql");

    /** Set this to a folder holding initdb and pg_ctl to use another installation. */
    private static final String BIN_FOLDER_VARIABLE = "POSTGRESQL_BIN";

    private static final String SUPERUSER = "postgres";
    private static final String SYSTEM_USER = "postgres";

    private static final int START_ATTEMPTS = 3;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final AtomicInteger databaseCount = new AtomicInteger();

    private Path binFolder;
    private Path folder;
    private int port;
    private String password;
    private boolean running;
    private String unavailableReason;

    /**
     * Creates an empty database on the server, starting the server first if needed.
     *
     * @return settings that reach the new database with a password over TCP
     */
    synchronized StoreSettings createDatabase() {
        startIfNeeded();
        String name = "store_test_" + databaseCount.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, password);
                Statement statement = connection.createStatement()) {
            // A database name cannot be a parameter; this one comes from a counter, never from input.
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name + " failed", e);
        }
        return StoreSettings.of(url(name), SUPERUSER, password);
    }

    /**
     * Lets the store's database accept connections or not. When not, it also ends the open
     * connections, as a database restart or a network failure would.
     */
    synchronized void setAcceptingConnections(StoreSettings settings, boolean accepting) {
        String name = settings.jdbcUrl().substring(settings.jdbcUrl().lastIndexOf('/') + 1);
        if (!name.matches("store_test_[0-9]+")) {
            throw new IllegalArgumentException("database '" + name + "' was not created by this test server");
        }
        try (Connection connection = DriverManager.getConnection(url("postgres"), SUPERUSER, password);
                Statement statement = connection.createStatement()) {
            // The name was checked above to be one that createDatabase made.
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + accepting);
            if (!accepting) {
                try (var terminate = connection.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?")) {
                    terminate.setString(1, name);
                    terminate.execute();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("changing whether " + name + " accepts connections failed", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (running) {
            try {
                run(command(binFolder.resolve("pg_ctl").toString(), "-D", dataFolder().toString(), "-m", "fast", "-w", "stop"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the PostgreSQL test server", e);
            }
            running = false;
            LOG.info("PostgreSQL test server on port {} stopped", port);
        }
        if (folder != null) {
            deleteRecursively(folder);
            folder = null;
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private void startIfNeeded() {
        if (running) {
            return;
        }
        if (unavailableReason == null) {
            unavailableReason = findInstallation();
        }
        if (unavailableReason != null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(unavailableReason + "; CI must run the PostgreSQL tests, so install the postgresql package");
            }
            Assumptions.abort(unavailableReason + "; skipping the PostgreSQL tests");
        }
        try {
            start();
        } catch (IOException e) {
            throw new IllegalStateException("starting the PostgreSQL test server failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the PostgreSQL test server", e);
        }
    }

    /** Returns why PostgreSQL cannot run here, or null when it can. */
    private String findInstallation() {
        String configured = System.getenv(BIN_FOLDER_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            binFolder = Path.of(configured);
        } else if (Files.isDirectory(DEBIAN_INSTALLATIONS)) {
            try (Stream<Path> versions = Files.list(DEBIAN_INSTALLATIONS)) {
                binFolder = versions.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparing(PostgresServer::majorVersion))
                        .orElse(null);
            } catch (IOException e) {
                return "cannot list " + DEBIAN_INSTALLATIONS + ": " + e.getMessage();
            }
        }
        if (binFolder == null || !Files.isExecutable(binFolder.resolve("initdb")) || !Files.isExecutable(binFolder.resolve("pg_ctl"))) {
            return "PostgreSQL's initdb and pg_ctl were not found under " + DEBIAN_INSTALLATIONS + "/*/bin or $" + BIN_FOLDER_VARIABLE;
        }
        return null;
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void start() throws IOException, InterruptedException {
        folder = Files.createTempDirectory("model-service-postgres-");
        password = Secrets.randomToken();
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        if (asRoot()) {
            giveToSystemUser(folder);
            giveToSystemUser(passwordFile);
        }

        run(command(binFolder.resolve("initdb").toString(), "-D", dataFolder().toString(), "-U", SUPERUSER,
                "--pwfile=" + passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync"));

        for (int attempt = 1; ; attempt++) {
            port = freeLoopbackPort();
            writeSettings();
            try {
                run(command(binFolder.resolve("pg_ctl").toString(), "-D", dataFolder().toString(),
                        "-l", folder.resolve("server.log").toString(), "-w", "-t", "60", "start"));
                break;
            } catch (IOException e) {
                if (attempt == START_ATTEMPTS) {
                    throw new IOException(e.getMessage() + "; server log:\n" + serverLog(), e);
                }
                LOG.warn("PostgreSQL test server did not start on port {} (attempt {} of {}); trying another port",
                        port, attempt, START_ATTEMPTS);
            }
        }
        running = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "postgres-test-server-stop"));
        LOG.info("PostgreSQL test server from {} started on 127.0.0.1:{} in {}", binFolder, port, folder);
    }

    /** Listens on loopback TCP only, keeps its socket in the temporary folder, and trades durability for speed. */
    private void writeSettings() throws IOException {
        String settings = String.join("\n",
                "",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = '" + folder + "'",
                "max_connections = 200",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "");
        Path autoConf = dataFolder().resolve("postgresql.auto.conf");
        Files.writeString(autoConf, "# written by the store tests\n" + settings, StandardCharsets.UTF_8,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.CREATE);
        if (asRoot()) {
            giveToSystemUser(autoConf);
        }
    }

    private Path dataFolder() {
        return folder.resolve("data");
    }

    private String serverLog() {
        try {
            return Files.readString(folder.resolve("server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    private void stopQuietly() {
        try {
            close();
        } catch (IOException e) {
            LOG.warn("Stopping the PostgreSQL test server failed", e);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Prefixes {@code runuser -u postgres --} when running as root. */
    private static List<String> command(String... arguments) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of(runuser(), "-u", SYSTEM_USER, "--"));
        }
        command.addAll(List.of(arguments));
        return command;
    }

    private static String runuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "runuser";
    }

    private static void giveToSystemUser(Path path) throws IOException {
        UserPrincipal owner;
        try {
            owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SYSTEM_USER);
        } catch (IOException e) {
            throw new IOException("running as root, PostgreSQL needs the '" + SYSTEM_USER
                    + "' system user, which the postgresql package creates; it was not found", e);
        }
        Files.setOwner(path, owner);
    }

    /** Runs a command in the server's folder, which the postgres user can enter, keeping its output in a file. */
    private void run(List<String> command) throws IOException, InterruptedException {
        Path output = folder.resolve("command-output.txt");
        Process process = new ProcessBuilder(command)
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed with exit status " + process.exitValue() + ":\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public synchronized String toString() {
        if (running) {
            return "PostgresServer[running on 127.0.0.1:" + port + "]";
        }
        if (unavailableReason != null) {
            return "PostgresServer[unavailable: " + unavailableReason + "]";
        }
        return "PostgresServer[not started]";
    }
}

package dev.modelservice.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model-service-bench run}: measures a running service and prints the report. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        sortOptions = false,
        description = "Measures a running Model Service over loopback: raw signing through the Signer SPI,"
                + " serial-requests posted at each concurrency and at half the peak rate, whole registrations and"
                + " request-ids alone. Prints a report with the goals met or not; the exit status is 0 whatever the"
                + " goals say.")
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_CONCURRENCY = "1,2,4,8,16,32";
    static final int MAX_CONCURRENCY = 1024;
    static final int MAX_COUNT = 1_000_000;
    static final int DEFAULT_WARM_UP = 200;

    @Option(names = "--service-config", paramLabel = "FILE",
            description = "The service's properties file: its listeners, database and signer settings. The raw-sign"
                    + " part needs it.")
    Path serviceConfig;

    @Option(names = "--device-url", paramLabel = "URL",
            description = "The device API on a loopback address (default: from --service-config, else"
                    + " http://127.0.0.1:8080/).")
    String deviceUrl;

    @Option(names = "--admin-url", paramLabel = "URL",
            description = "The admin API on a loopback address (default: from --service-config, else"
                    + " http://127.0.0.1:8081/).")
    String adminUrl;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "A file with an admin token, such as DATA-DIR/admin-token (default: $MODEL_ADMIN_TOKEN).")
    Path adminTokenFile;

    @Option(names = "--brand", paramLabel = "ACCOUNT-ID",
            description = "The brand to create the run's models for (default: the only brand the service serves).")
    String brand;

    @Option(names = "--key", paramLabel = "NAME",
            description = "The signing key of the run's serial policies (default: the brand's only key).")
    String key;

    @Option(names = "--count", paramLabel = "N", defaultValue = "2000",
            description = "Operations per timed phase, and device keys to use (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--concurrency", paramLabel = "LIST", defaultValue = DEFAULT_CONCURRENCY,
            description = "Comma-separated concurrency levels, 1 to " + MAX_CONCURRENCY
                    + " (default: ${DEFAULT-VALUE}).")
    String concurrency;

    @Option(names = "--mode", paramLabel = "LIST", defaultValue = "all",
            description = "Comma-separated parts to run: serial, registration, request-id, raw-sign or all"
                    + " (default: ${DEFAULT-VALUE}).")
    String modes;

    @Option(names = "--connections", paramLabel = "N",
            description = "Signing connections of the raw-sign part (default: the service's"
                    + " signer.pkcs11.connections, else 2).")
    Integer connections;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where device keys are cached between runs (default: $XDG_CACHE_HOME/model-service-bench,"
                    + " else ~/.cache/model-service-bench).")
    Path cacheDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also writes the report as JSON to FILE.")
    Path jsonFile;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "120",
            description = "How long each timed phase may run; it starts no operation after that"
                    + " (default: ${DEFAULT-VALUE}).")
    int timeLimitSeconds;

    @Option(names = "--warm-up", paramLabel = "N",
            description = "Untimed operations before each mode's first timed phase (default: the smaller of "
                    + DEFAULT_WARM_UP + " and --count; 0 for none).")
    Integer warmUp;

    @Option(names = "--client", paramLabel = "NAME", defaultValue = "jetty",
            description = "The HTTP client of the timed phases: jetty or jdk (java.net.http)"
                    + " (default: ${DEFAULT-VALUE}).")
    String client;

    @Option(names = "--device-key-bits", paramLabel = "BITS", defaultValue = "4096",
            description = "The device keys' RSA modulus length: 2048, 3072 or 4096 (default: ${DEFAULT-VALUE}, as snapd"
                    + " makes them). Smaller keys only make the first run and the device's signature faster.")
    int deviceKeyBits;

    @Option(names = "--service-pid", paramLabel = "PID",
            description = "The service's process id, for its CPU use and peak RSS (VmHWM).")
    Long servicePid;

    @Option(names = "--startup-ms", paramLabel = "MS",
            description = "The service's start-up time in milliseconds, measured by the script that started it, such as"
                    + " scripts/bench-matrix; for the report.")
    Long startupMillis;

    @Option(names = "--keep-models", description = "Leaves the run's models in the service; by default they are"
            + " deleted at the end. Their signing log entries stay either way.")
    boolean keepModels;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;

    RunCommand() {
        this(System.getenv());
    }

    RunCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        BenchSettings settings = settings();
        Report report = new Benchmark(settings).run();
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportText.format(report));
        out.flush();
        if (settings.jsonFile().isPresent()) {
            ReportJson.write(report, settings.jsonFile().get());
        }
        return 0;
    }

    /**
     * Checks the options and returns the run's settings.
     *
     * @throws CommandLine.ParameterException for an invalid option, naming it
     * @throws BenchException when a file the options name cannot be read
     */
    BenchSettings settings() {
        requireRange("--count", count, 1, MAX_COUNT);
        requireRange("--time-limit", timeLimitSeconds, 1, 86_400);
        List<Integer> levels = concurrencyLevels(concurrency);
        List<Mode> modeList = modes();
        int warmUpCount = warmUp == null ? Math.min(DEFAULT_WARM_UP, count) : warmUp;
        requireRange("--warm-up", warmUpCount, 0, MAX_COUNT);
        if (deviceKeyBits != 2048 && deviceKeyBits != 3072 && deviceKeyBits != 4096) {
            throw usage("--device-key-bits is " + deviceKeyBits + "; expected 2048, 3072 or 4096, the sizes of"
                    + " device keys that snapd accepts (it makes 4096)");
        }
        if (connections != null) {
            requireRange("--connections", connections, 1, 64);
        }
        if (servicePid != null && servicePid <= 0) {
            throw usage("--service-pid is " + servicePid + "; give the service's process id, such as the content of"
                    + " quickstart-data/service.pid");
        }

        Optional<ServiceConfig> config = Optional.ofNullable(serviceConfig).map(ServiceConfig::read);
        if (modeList.contains(Mode.RAW_SIGN) && config.isEmpty()) {
            throw usage("the raw-sign part needs --service-config FILE, the service's properties file, to reach the"
                    + " HSM the way the service does; give it, or leave raw-sign out of --mode");
        }
        String deviceText = deviceUrl != null ? deviceUrl
                : config.map(c -> c.deviceUrl().toString()).orElse("http://127.0.0.1:8080/");
        String adminText = adminUrl != null ? adminUrl
                : config.map(c -> c.adminUrl().toString()).orElse("http://127.0.0.1:8081/");
        URI device = Loopback.checkedUrl("--device-url", deviceText);
        URI admin = Loopback.checkedUrl("--admin-url", adminText);

        return new BenchSettings(device, admin, adminToken(), Optional.ofNullable(brand), Optional.ofNullable(key),
                config, servicePid == null ? OptionalLong.empty() : OptionalLong.of(servicePid),
                Optional.ofNullable(startupMillis), count, levels, modeList,
                connections == null ? OptionalInt.empty() : OptionalInt.of(connections), cacheFolder(),
                Optional.ofNullable(jsonFile), Duration.ofSeconds(timeLimitSeconds), warmUpCount, keepModels,
                clientKind(), deviceKeyBits);
    }

    /** Parses a comma-separated list of concurrency levels, keeping their order and dropping repeats. */
    List<Integer> concurrencyLevels(String text) {
        List<Integer> levels = new ArrayList<>();
        for (String part : text.split(",")) {
            int level;
            try {
                level = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw usage("--concurrency '" + text + "' has '" + part.strip() + "', not a whole number; give a list"
                        + " such as " + DEFAULT_CONCURRENCY);
            }
            requireRange("--concurrency", level, 1, MAX_CONCURRENCY);
            if (!levels.contains(level)) {
                levels.add(level);
            }
        }
        return List.copyOf(levels);
    }

    private List<Mode> modes() {
        try {
            return Mode.parseList(modes);
        } catch (IllegalArgumentException e) {
            throw usage("--mode '" + modes + "': " + e.getMessage());
        }
    }

    private HttpTransport.Kind clientKind() {
        try {
            return HttpTransport.Kind.parse(client);
        } catch (IllegalArgumentException e) {
            throw usage("--client: " + e.getMessage());
        }
    }

    private String adminToken() {
        if (adminTokenFile != null) {
            try {
                String token = Files.readString(adminTokenFile, StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw usage("--admin-token-file " + adminTokenFile + " is empty; give the file that"
                            + " 'model-service init' wrote, DATA-DIR/admin-token");
                }
                return token;
            } catch (IOException e) {
                throw new BenchException("cannot read --admin-token-file " + adminTokenFile + ": " + e.getMessage()
                        + "; give the file that 'model-service init' wrote, DATA-DIR/admin-token", e);
            }
        }
        String token = environment.get("MODEL_ADMIN_TOKEN");
        if (token == null || token.isBlank()) {
            throw usage("no admin token: give --admin-token-file FILE or set MODEL_ADMIN_TOKEN; the run creates"
                    + " models of its own through the admin API");
        }
        return token.strip();
    }

    private Path cacheFolder() {
        if (cacheDir != null) {
            return cacheDir;
        }
        String cacheHome = environment.get("XDG_CACHE_HOME");
        if (cacheHome != null && !cacheHome.isBlank()) {
            return Path.of(cacheHome, "model-service-bench");
        }
        String home = environment.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".cache", "model-service-bench");
    }

    private void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw usage(option + " is " + value + "; expected a whole number from " + min + " to " + max);
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}

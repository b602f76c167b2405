package dev.modelservice.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code model-service} command: {@code init} once, then {@code run}. */
@Command(name = "model-service",
        mixinStandardHelpOptions = true,
        versionProvider = ModelServiceCommand.Version.class,
        description = "The Model Service: signs serial assertions for snapd devices with brand keys held in an HSM.",
        subcommands = {ModelServiceCommand.Init.class, ModelServiceCommand.Run.class, CommandLine.HelpCommand.class})
public final class ModelServiceCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelServiceCommand.class);

    static final int EXIT_OK = 0;
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ModelServiceCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            // ModelService logs a failed start itself, so only other failures are logged here.
            if (isOperatorError(e)) {
                LOG.error("model-service {} failed: {}", line.getCommandName(), e.getMessage());
            } else if (!(e instanceof ServiceStartException)) {
                LOG.error("model-service {} failed", line.getCommandName(), e);
            }
            line.getErr().println("model-service " + line.getCommandName() + ": " + e.getMessage());
            return EXIT_FAILURE;
        });
        return commandLine.execute(args);
    }

    /**
     * Returns whether the failure's message names what the operator must fix, so that a stack
     * trace would only hide it.
     */
    private static boolean isOperatorError(Exception e) {
        return e instanceof ConfigurationException
                || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof java.io.UncheckedIOException;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing: model-service init"
                + " --config FILE --brand-account-id ID, then model-service run --config FILE");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Creates the database, records the brand account and writes the first admin token,"
                    + " named initial-admin, to DATA-DIR/admin-token, readable only by its owner.",
                    "Running it again changes nothing and says so."})
    static final class Init implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConfigOption config;

        @Option(names = "--brand-account-id", required = true, paramLabel = "ID",
                description = "The brand's account-id, as the store assigned it.")
        private String brandAccountId;

        @Option(names = "--display-name", paramLabel = "NAME",
                description = "The brand's name as people see it; the account-id when not given.")
        private String displayName;

        @Override
        public Integer call() {
            InitResult result = ModelService.init(config.load(), brandAccountId, displayName);
            spec.commandLine().getOut().println(result.message());
            return EXIT_OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Starts the service and serves until it gets SIGTERM or SIGINT.")
    static final class Run implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        private ConfigOption config;

        @Override
        public Integer call() throws InterruptedException {
            ModelService service = ModelService.create(config.load());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                service.close();
                stopped.countDown();
            }, "model-service-shutdown"));

            service.start();
            spec.commandLine().getOut().println("Model Service running; admin API on " + service.adminUri()
                    + " and device API on " + service.deviceUri());
            stopped.await();
            return EXIT_OK;
        }
    }

    /** The {@code --config FILE} option of both commands. */
    static final class ConfigOption {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The service's properties file; see docs/configuration.md.")
        private Path file;

        ServiceConfiguration load() {
            return ServiceConfiguration.load(file, System.getenv());
        }
    }

    /** Reports the version of the server jar, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"model-service " + ModelService.version()};
        }
    }
}

package dev.modelservice.bench;

import java.io.PrintWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code model-service-bench} command: {@code run} measures a service, {@code summary} tabulates runs. */
@Command(name = "model-service-bench", mixinStandardHelpOptions = true, versionProvider = BenchCommand.Version.class,
        description = "A throughput benchmark for the Model Service, over loopback only.",
        subcommands = {RunCommand.class, SummaryCommand.class, CommandLine.HelpCommand.class})
public final class BenchCommand implements Runnable {
    /** Exit status when the benchmark could not run, such as a service that does not respond. */
    static final int EXIT_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Returns the command tree, writing to {@code out} and {@code err}, with the bench's handling of failures. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new BenchCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        // scripts/bench sets options that a user may give again; the last one given wins.
        commandLine.setOverwrittenOptionsAllowed(true);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof BenchException) {
                LOG.debug("Benchmark failed", exception);
                failed.getErr().println("model-service-bench: error: " + exception.getMessage());
                return EXIT_FAILED;
            }
            throw exception;
        });
        return commandLine;
    }

    /** The module's version, which the build sets to the project's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"model-service-bench " + BenchCommand.class.getModule().getDescriptor().rawVersion()
                    .orElse("(no version: not run from the built jar)")};
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: 'run' to measure a service,"
                + " 'summary' to tabulate JSON reports; see 'model-service-bench help run'");
    }
}

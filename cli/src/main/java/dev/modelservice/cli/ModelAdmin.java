package dev.modelservice.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code model-admin} command: manages the Model Service and checks assertions. */
@Command(name = "model-admin",
        mixinStandardHelpOptions = true,
        versionProvider = ModelAdmin.Version.class,
        description = "Administers the Model Service, the on-prem serial signing service for snapd devices.",
        subcommands = {AssertionCommand.class, CommandLine.HelpCommand.class})
public final class ModelAdmin implements Runnable {
    /** Exit status when every checked input is valid. */
    static final int EXIT_OK = 0;
    /** Exit status when at least one input is invalid. */
    static final int EXIT_INVALID = 1;
    /** Exit status of a usage error or of inputs that cannot serve, such as a broken root of trust. */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ModelAdmin());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing, for example:"
                + " model-admin assertion check FILE");
    }

    /** Reports the version from the jar's manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ModelAdmin.class.getPackage().getImplementationVersion();
            return new String[] {"model-admin " + (version != null ? version : "development")};
        }
    }
}

package dev.modelservice.cli;

import dev.modelservice.cli.admin.AdminContext;
import dev.modelservice.cli.admin.CommandFailedException;
import dev.modelservice.cli.admin.CreateCommand;
import dev.modelservice.cli.admin.DeleteCommand;
import dev.modelservice.cli.admin.ListCommand;
import dev.modelservice.cli.admin.LoginCommand;
import dev.modelservice.cli.admin.LogoutCommand;
import dev.modelservice.cli.admin.PushAccountKeysCommand;
import dev.modelservice.cli.admin.RegisterKeyCommand;
import dev.modelservice.cli.admin.RevokeCommand;
import dev.modelservice.cli.admin.StatusCommand;
import dev.modelservice.cli.admin.UpdateCommand;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code model-admin} command: manages the Model Service and checks assertions. */
@Command(name = "model-admin",
        mixinStandardHelpOptions = true,
        versionProvider = ModelAdmin.Version.class,
        description = {
            "Administers the Model Service, the on-prem serial signing service for snapd devices.",
            "Start with 'model-admin login URL'; the other admin commands use the URL and token it saves."},
        subcommands = {
            LoginCommand.class, LogoutCommand.class, StatusCommand.class,
            CreateCommand.class, ListCommand.class, UpdateCommand.class, DeleteCommand.class, RevokeCommand.class,
            RegisterKeyCommand.class, PushAccountKeysCommand.class,
            TestDeviceCommand.class, AssertionCommand.class, CommandLine.HelpCommand.class})
public final class ModelAdmin implements Runnable, AdminContext.Source {
    /** Exit status of a command that succeeded, or of a check where every input is valid. */
    static final int EXIT_OK = 0;
    /** Exit status when at least one checked input is invalid. */
    static final int EXIT_INVALID = 1;
    /** Exit status of an admin command that failed: the service's error, no connection, a bad file. */
    static final int EXIT_FAILED = 1;
    /** Exit status of a usage error or of inputs that cannot serve, such as a broken root of trust. */
    static final int EXIT_USAGE = 2;

    private final AdminContext adminContext;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private ModelAdmin(AdminContext adminContext) {
        this.adminContext = adminContext;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int status = execute(args, out, err);

        // Auto-flush acts on println only; tables and JSON are written with print.
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs the command line with the given output streams and returns the exit status. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, AdminContext.system());
    }

    /**
     * Runs the command line with the given output streams, environment variables and console
     * input, and returns the exit status.
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err, AdminContext context) {
        CommandLine commandLine = commandLine(context);
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    /** Returns the whole command tree, with model-admin's handling of errors. */
    static CommandLine commandLine(AdminContext context) {
        CommandLine commandLine = new CommandLine(new ModelAdmin(context));
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(ModelAdmin::reportUsageError);
        commandLine.setExecutionExceptionHandler(ModelAdmin::reportFailure);
        return commandLine;
    }

    @Override
    public AdminContext adminContext() {
        return adminContext;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is missing, for example:"
                + " model-admin login URL, or model-admin assertion check FILE");
    }

    // One line instead of picocli's full usage text, so that the error stays visible in scripts' logs.
    private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("model-admin: " + e.getMessage() + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        return EXIT_USAGE;
    }

    private static int reportFailure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        if (e instanceof CommandFailedException) {
            command.getErr().println("model-admin: " + e.getMessage());
        } else {
            command.getErr().println("model-admin: unexpected error in '" + command.getCommandSpec().qualifiedName()
                    + "': " + e);
        }
        return EXIT_FAILED;
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

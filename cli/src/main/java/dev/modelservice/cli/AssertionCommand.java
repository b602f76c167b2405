package dev.modelservice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code assertion} command group. */
@Command(name = "assertion",
        mixinStandardHelpOptions = true,
        versionProvider = ModelAdmin.Version.class,
        description = "Works with snapd assertions.",
        subcommands = {AssertionCheckCommand.class})
final class AssertionCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is missing, for example: model-admin assertion check FILE");
    }
}

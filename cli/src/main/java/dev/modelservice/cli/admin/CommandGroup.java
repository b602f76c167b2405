package dev.modelservice.cli.admin;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A command such as {@code create} that contains only subcommands. Run alone, it is a usage error. */
abstract class CommandGroup implements Runnable {
    @CommandLine.Spec
    CommandSpec spec;

    @Override
    public void run() {
        String first = spec.subcommands().keySet().iterator().next();
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is missing, for example: "
                + spec.qualifiedName() + " " + first);
    }
}

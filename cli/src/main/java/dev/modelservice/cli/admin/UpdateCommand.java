package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** The {@code update} command group. */
@Command(name = "update",
        mixinStandardHelpOptions = true,
        description = "Changes the settings of a record.",
        subcommands = {UpdateModelCommand.class})
public final class UpdateCommand extends CommandGroup {
}

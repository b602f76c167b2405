package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** The {@code delete} command group. */
@Command(name = "delete",
        mixinStandardHelpOptions = true,
        description = "Deletes a model, an imported account-key or a signing log entry.",
        subcommands = {DeleteModelCommand.class, DeleteSigningLogEntryCommand.class,
            DeleteAccountKeyCommand.class})
public final class DeleteCommand extends CommandGroup {
}

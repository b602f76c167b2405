package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** The {@code revoke} command group. */
@Command(name = "revoke",
        mixinStandardHelpOptions = true,
        description = "Revokes an admin token.",
        subcommands = {RevokeTokenCommand.class})
public final class RevokeCommand extends CommandGroup {
}

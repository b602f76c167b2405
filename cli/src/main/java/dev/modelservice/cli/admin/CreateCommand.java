package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** The {@code create} command group. */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        description = "Creates a signing key, a model, a serial policy or an admin token.",
        subcommands = {CreateKeyCommand.class, CreateModelCommand.class, CreateSerialPolicyCommand.class,
            CreateTokenCommand.class})
public final class CreateCommand extends CommandGroup {
}

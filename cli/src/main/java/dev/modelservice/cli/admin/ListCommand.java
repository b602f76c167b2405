package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** The {@code list} command group. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists signing keys, models, serial policies, account-keys, the signing log, admin tokens"
                + " or the audit log, as a table, JSON or CSV.",
        subcommands = {ListKeysCommand.class, ListHsmKeysCommand.class, ListModelsCommand.class, ListSerialPoliciesCommand.class,
            ListAccountKeysCommand.class, ListSigningLogCommand.class, ListTokensCommand.class,
            ListAuditLogCommand.class})
public final class ListCommand extends CommandGroup {
}

package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-admin delete account-key KEY}: removes an account-key imported by mistake. */
@Command(name = "account-key",
        mixinStandardHelpOptions = true,
        description = "Deletes the imported account-key for the key with SHA3-384 id KEY, for example one"
                + " imported by mistake, so that the right one can be pushed. 'model-admin list account-keys'"
                + " shows the ids.")
final class DeleteAccountKeyCommand extends AdminCommand {
    @Parameters(paramLabel = "KEY", description = "The public-key-sha3-384 of the account-key.")
    private String keyId;

    @Override
    public Integer call() {
        AdminSession session = session();
        session.client().delete(AdminClient.path("v1", "account-keys", keyId));

        out().println("Account-key " + keyId + " deleted.");
        return EXIT_OK;
    }
}

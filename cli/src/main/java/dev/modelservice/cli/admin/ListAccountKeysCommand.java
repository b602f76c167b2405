package dev.modelservice.cli.admin;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin list account-keys}. */
@Command(name = "account-keys",
        mixinStandardHelpOptions = true,
        description = "Lists the account-key assertions imported with 'model-admin push-account-keys', and the"
                + " signing key each one is for ('-' for another brand key, such as one that signs models).")
final class ListAccountKeysCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("SHA3-384", "public-key-sha3-384"),
            Column.field("Account", "account-id"),
            Column.field("Name", "name"),
            Column.field("Since", "since"),
            Column.field("Until", "until"),
            Column.field("Signing key", "signing-key"));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        return print(session().client().get("v1/account-keys"), format, COLUMNS);
    }
}

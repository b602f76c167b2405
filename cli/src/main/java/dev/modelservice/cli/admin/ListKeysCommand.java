package dev.modelservice.cli.admin;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin list keys}. */
@Command(name = "keys",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the signing keys on the HSM with their SHA3-384 key ids.",
            "Account-key says whether the store's account-key assertion for the key was imported with"
                + " 'model-admin push-account-keys'; devices need it to trust the serials the key signs."})
final class ListKeysCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("Name", "name"),
            Column.field("SHA3-384", "sha3-384"),
            Column.flag("Account-key", "account-key-known", "known", "not known"));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        return print(session().client().get("v1/keys"), format, COLUMNS);
    }
}

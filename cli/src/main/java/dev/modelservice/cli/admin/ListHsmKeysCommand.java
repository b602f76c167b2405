package dev.modelservice.cli.admin;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin list hsm-keys}. */
@Command(name = "hsm-keys",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the RSA key pairs in the HSM token, including those that other tools created, with the signing"
                + " key each is recorded as ('-' when none).",
            "'model-admin create key NAME --existing HANDLE' records one of them as a signing key."})
final class ListHsmKeysCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("Handle", "handle"),
            Column.field("Label", "label"),
            Column.field("Bits", "bits"),
            Column.field("SHA3-384", "sha3-384"),
            new Column("Signing key", key -> Column.text(key.path("signing-key"))));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        return print(session().client().get("v1/hsm-keys"), format, COLUMNS);
    }
}

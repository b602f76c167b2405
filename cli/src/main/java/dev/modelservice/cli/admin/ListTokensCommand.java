package dev.modelservice.cli.admin;

import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin list tokens}. */
@Command(name = "tokens",
        mixinStandardHelpOptions = true,
        description = "Lists the admin tokens by name, with when they were created and revoked; never the tokens.")
final class ListTokensCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("Name", "name"),
            Column.field("Created", "created"),
            Column.field("Revoked", "revoked"));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        return print(session().client().get("v1/tokens"), format, COLUMNS);
    }
}

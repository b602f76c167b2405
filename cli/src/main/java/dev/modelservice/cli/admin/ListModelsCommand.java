package dev.modelservice.cli.admin;

import java.util.Collections;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin list models}. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        description = "Lists the brand's models with their API keys and the signing key of their active serial"
                + " policy ('-' when they have none yet), in store-admin's columns; --format json adds the serial"
                + " settings.")
final class ListModelsCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("Name", "name"),
            Column.field("API key", "api-key"),
            new Column("Active serial signing key", model -> Column.text(model.path("serial-policy").path("key-name"))));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        AdminSession session = session();
        String path = AdminClient.withQuery("v1/models", Collections.singletonMap("brand", session.brandAccountId()));
        return print(session.client().get(path), format, COLUMNS);
    }
}

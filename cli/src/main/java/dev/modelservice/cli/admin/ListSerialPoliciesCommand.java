package dev.modelservice.cli.admin;

import java.util.Collections;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code model-admin list serial-policies --model M}. */
@Command(name = "serial-policies",
        mixinStandardHelpOptions = true,
        description = "Lists the serial policy revisions of a model, newest first; the newest is the active one.")
final class ListSerialPoliciesCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("Revision", "revision"),
            Column.field("Signing key", "key-name"),
            Column.field("SHA3-384", "key-sha3-384"),
            Column.field("Created", "created"));

    @Option(names = "--model", paramLabel = "MODEL", required = true, description = "The model's name.")
    private String model;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        AdminSession session = session();
        String path = AdminClient.withQuery(AdminClient.path("v1", "models", model, "serial-policies"),
                Collections.singletonMap("brand", session.brandAccountId()));
        return print(session.client().get(path), format, COLUMNS);
    }
}

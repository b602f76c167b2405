package dev.modelservice.cli.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code model-admin list signing-log}: the serials the service signed, newest first. */
@Command(name = "signing-log",
        mixinStandardHelpOptions = true,
        description = "Lists the serials the service signed for the brand, newest first.")
final class ListSigningLogCommand extends AdminCommand {
    static final int MAX_LIMIT = 1000;
    static final List<Column> COLUMNS = List.of(
            Column.field("ID", "id"),
            Column.field("Signed", "signed"),
            Column.field("Model", "model"),
            Column.field("Serial", "serial"),
            Column.field("Revision", "revision"),
            Column.field("Client address", "client-address"));

    @Option(names = "--model", paramLabel = "MODEL", description = "Lists only this model's serials.")
    private String model;

    @Option(names = "--serial", paramLabel = "SERIAL", description = "Lists only entries for this serial.")
    private String serial;

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Lists only entries signed at or after TIME: RFC 3339, such as 2026-12-04T21:30:00Z,"
                    + " or a date, which means its midnight in UTC.")
    private Instant since;

    @Option(names = "--limit", paramLabel = "N",
            description = "Lists at most N entries, 1 to " + MAX_LIMIT + " (the service's default: 100).")
    private Integer limit;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        checkLimit(limit, MAX_LIMIT);
        AdminSession session = session();

        Map<String, Object> query = new LinkedHashMap<>();
        query.put("brand", session.brandAccountId());
        query.put("model", model);
        query.put("serial", serial);
        query.put("since", since);
        query.put("limit", limit);
        return print(session.client().get(AdminClient.withQuery("v1/signing-log", query)), format, COLUMNS);
    }

    static void checkLimit(Integer limit, int max) {
        if (limit != null && (limit < 1 || limit > max)) {
            throw new CommandFailedException("--limit " + limit + " is out of range: give 1 to " + max);
        }
    }
}

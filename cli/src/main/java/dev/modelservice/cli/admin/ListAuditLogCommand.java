package dev.modelservice.cli.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code model-admin list audit-log}: every change made through the admin API, newest first. */
@Command(name = "audit-log",
        mixinStandardHelpOptions = true,
        description = "Lists the changes made through the admin API, newest first, with the name of the admin"
                + " token that made each one.")
final class ListAuditLogCommand extends AdminCommand {
    static final List<Column> COLUMNS = List.of(
            Column.field("ID", "id"),
            Column.field("Time", "time"),
            Column.field("Token", "token"),
            Column.field("Action", "action"),
            Column.field("Subject", "subject"),
            Column.field("Details", "details"));

    @Option(names = "--since", paramLabel = "TIME", converter = TimeConverter.class,
            description = "Lists only changes at or after TIME: RFC 3339, such as 2026-12-04T21:30:00Z, or a date,"
                    + " which means its midnight in UTC.")
    private Instant since;

    @Option(names = "--limit", paramLabel = "N",
            description = "Lists at most N changes.")
    private Integer limit;

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("since", since);
        query.put("limit", limit);
        return print(session().client().get(AdminClient.withQuery("v1/audit-log", query)), format, COLUMNS);
    }
}

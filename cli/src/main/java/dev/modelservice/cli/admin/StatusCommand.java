package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code model-admin status}: the service's version, brands, HSM, database and record counts. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the Model Service's version, its brand accounts, the HSM token and whether it responds,"
                + " the database and whether it responds, and how many records of each kind it holds.",
            "Exits with status 1 when the HSM or the database does not respond."})
public final class StatusCommand extends AdminCommand {
    private static final List<Column> COLUMNS = List.of(Column.field("Item", "item"), Column.field("Value", "value"));

    @Mixin
    private FormatOption format;

    @Override
    public Integer call() {
        AdminSession session = session();
        JsonNode status = session.client().get("v1/status");

        if (format.format == OutputFormat.JSON) {
            out().print(RecordFormatter.json(status));
        } else {
            List<String[]> items = items(status, session);
            out().print(format.format == OutputFormat.CSV
                    ? RecordFormatter.format(OutputFormat.CSV, toRecords(items), COLUMNS)
                    : aligned(items));
        }
        return reportHealth(status);
    }

    private static List<String[]> items(JsonNode status, AdminSession session) {
        List<String[]> items = new ArrayList<>();
        items.add(new String[] {"Service", "Model Service " + status.path("version").asText("?") + " at "
                + session.client().baseUrl()});
        items.add(new String[] {"Brand accounts", brands(status.path("brands"))});
        if (session.brandAccountId() != null) {
            items.add(new String[] {"Selected brand", session.brandAccountId()});
        }
        JsonNode signer = status.path("signer");
        items.add(new String[] {"HSM", signer.path("provider").asText("?") + ", "
                + signer.path("description").asText("?") + ": " + health(signer)});
        items.add(new String[] {"Database", health(status.path("database"))});
        items.add(new String[] {"Records", counts(status.path("counts"))});
        return items;
    }

    private static String brands(JsonNode brands) {
        List<String> names = new ArrayList<>();
        brands.forEach(brand -> names.add(brand.path("account-id").asText() + " ("
                + brand.path("display-name").asText() + ")"));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    private static String health(JsonNode component) {
        if (component.path("healthy").asBoolean(false)) {
            return "responds";
        }
        String message = Column.text(component.path("message"));
        return "does not respond" + (message != null ? ": " + message : "");
    }

    private static String counts(JsonNode counts) {
        List<String> parts = new ArrayList<>();
        counts.fields().forEachRemaining(count -> parts.add(count.getKey().replace('-', ' ') + " "
                + count.getValue().asText()));
        return String.join(", ", parts);
    }

    private static JsonNode toRecords(List<String[]> items) {
        ArrayNode records = new ObjectMapper().createArrayNode();
        for (String[] item : items) {
            records.addObject().put("item", item[0]).put("value", item[1]);
        }
        return records;
    }

    private static String aligned(List<String[]> items) {
        int width = items.stream().mapToInt(item -> item[0].length()).max().orElse(0) + 1;
        StringBuilder text = new StringBuilder();
        for (String[] item : items) {
            text.append(String.format("%-" + (width + 1) + "s%s", item[0] + ":", item[1])).append('\n');
        }
        return text.toString();
    }

    private int reportHealth(JsonNode status) {
        List<String> down = new ArrayList<>();
        if (!status.path("signer").path("healthy").asBoolean(false)) {
            down.add("the HSM");
        }
        if (!status.path("database").path("healthy").asBoolean(false)) {
            down.add("the database");
        }
        if (down.isEmpty()) {
            return EXIT_OK;
        }
        err().println("model-admin: " + String.join(" and ", down) + (down.size() == 1 ? " does" : " do")
                + " not respond; see the Model Service's log");
        return EXIT_FAILED;
    }
}

package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin update model NAME}: changes a model's serial settings. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Changes how the service handles the serials of the model NAME. A setting left out keeps its value.",
            "Prints the model's settings after the change."})
final class UpdateModelCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The model's name.")
    private String name;

    @Option(names = "--assign-serials", paramLabel = "true|false", arity = "1",
            description = "Whether the service assigns a serial to a device that proposes none.")
    private Boolean assignSerials;

    @Option(names = "--serial-format", paramLabel = "FORMAT",
            description = "The format of assigned serials, such as 'GW-{date}-{hex:16}'. Placeholders: {uuid},"
                    + " {hex:N} (N random hex digits, 16 to 64) and {date} (UTC, yyyyMMdd). An empty FORMAT"
                    + " restores the default, {uuid}. A non-empty FORMAT implies --assign-serials true unless that"
                    + " option is given.")
    private String serialFormat;

    @Option(names = "--allow-serial-revisions", paramLabel = "true|false", arity = "1",
            description = "Whether a serial that another device key already has is signed again as a new"
                    + " revision, instead of being rejected with 409.")
    private Boolean allowSerialRevisions;

    @Override
    public Integer call() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        if (assignSerials != null) {
            body.put("assigns-serials", assignSerials);
        } else if (serialFormat != null && !serialFormat.isEmpty()) {
            body.put("assigns-serials", true);
        }
        if (serialFormat != null) {
            body.put("serial-format", serialFormat);
        }
        if (allowSerialRevisions != null) {
            body.put("allows-serial-revisions", allowSerialRevisions);
        }
        if (body.isEmpty()) {
            throw new CommandFailedException("nothing to change: give --assign-serials, --serial-format or"
                    + " --allow-serial-revisions");
        }

        AdminSession session = session();
        String path = AdminClient.withQuery(AdminClient.path("v1", "models", name, "settings"),
                Collections.singletonMap("brand", session.brandAccountId()));
        JsonNode model = session.client().put(path, body);

        out().println("Model '" + name + "': assigns serials: " + model.path("assigns-serials").asBoolean()
                + ", serial format: " + model.path("serial-format").asText()
                + ", allows serial revisions: " + model.path("allows-serial-revisions").asBoolean() + ".");
        return EXIT_OK;
    }
}

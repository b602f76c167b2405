package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin create model NAME}: adds a model and its API key. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = {
            "Adds the model NAME, which must match the model name in the devices' model assertion.",
            "Devices of the model send its API key with their serial requests. Without --api-key the command"
                + " asks for one; an empty reply lets the service generate a random key of 256 bits.",
            "'model-admin update model' changes the serial settings later."})
final class CreateModelCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The model's name, such as gateway-2026.")
    private String name;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The model's API key.")
    private String apiKey;

    @Option(names = "--assign-serials",
            description = "Lets the service assign a serial to a device that proposes none.")
    private boolean assignSerials;

    @Option(names = "--serial-format", paramLabel = "FORMAT",
            description = "The format of assigned serials, such as 'GW-{date}-{hex:16}'; implies --assign-serials."
                    + " Placeholders: {uuid}, {hex:N} (N random hex digits, 16 to 64) and {date} (UTC, yyyyMMdd)."
                    + " The default is {uuid}.")
    private String serialFormat;

    @Option(names = "--allow-serial-revisions",
            description = "Signs a serial that another device key already has as a new revision, instead of"
                    + " rejecting the request with 409.")
    private boolean allowSerialRevisions;

    @Override
    public Integer call() {
        AdminSession session = session();
        String key = apiKey != null ? apiKey : askForApiKey();

        ObjectNode body = new ObjectMapper().createObjectNode().put("name", name);
        if (session.brandAccountId() != null) {
            body.put("brand", session.brandAccountId());
        }
        if (!key.isEmpty()) {
            body.put("api-key", key);
        }
        body.put("assigns-serials", assignSerials || serialFormat != null);
        body.put("allows-serial-revisions", allowSerialRevisions);
        if (serialFormat != null) {
            body.put("serial-format", serialFormat);
        }
        JsonNode model = session.client().post("v1/models", body);

        if (key.isEmpty()) {
            out().println("Generated API key: " + model.path("api-key").asText());
        }
        out().println("Model '" + name + "' created.");
        return EXIT_OK;
    }

    private String askForApiKey() {
        String reply = context().ask(out(), "API key (press Enter to generate a random one): ");
        if (reply == null) {
            throw new CommandFailedException("no API key: the input ended before a reply; give --api-key KEY,"
                    + " or reply with an empty line to have one generated");
        }
        return reply;
    }
}

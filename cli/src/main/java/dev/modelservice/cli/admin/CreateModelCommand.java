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
                + " asks for one; an empty reply lets the service generate a random key of 256 bits."})
final class CreateModelCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The model's name, such as gateway-2026.")
    private String name;

    @Option(names = "--api-key", paramLabel = "KEY", description = "The model's API key.")
    private String apiKey;

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

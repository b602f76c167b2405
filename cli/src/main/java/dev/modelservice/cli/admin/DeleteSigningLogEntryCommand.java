package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-admin delete signing-log-entry ID}: lets a device be provisioned again. */
@Command(name = "signing-log-entry",
        mixinStandardHelpOptions = true,
        description = "Deletes the signing log entry ID, so that the device with that serial may request a"
                + " serial again. 'model-admin list signing-log' shows the IDs.")
final class DeleteSigningLogEntryCommand extends AdminCommand {
    @Parameters(paramLabel = "ID", description = "The entry's ID.")
    private String id;

    @Override
    public Integer call() {
        AdminSession session = session();
        String path = AdminClient.path("v1", "signing-log", id);
        JsonNode entry = session.client().get(path);
        session.client().delete(path);

        out().println("Signing log entry " + id + " deleted: serial '" + entry.path("serial").asText()
                + "' of model '" + entry.path("model").asText() + "' may be signed again.");
        return EXIT_OK;
    }
}

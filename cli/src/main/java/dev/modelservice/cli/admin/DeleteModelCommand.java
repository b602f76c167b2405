package dev.modelservice.cli.admin;

import java.util.Collections;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-admin delete model NAME}. */
@Command(name = "model",
        mixinStandardHelpOptions = true,
        description = "Deletes the model NAME and its serial policies. Its entries in the signing log stay.")
final class DeleteModelCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The model's name.")
    private String name;

    @Override
    public Integer call() {
        AdminSession session = session();
        session.client().delete(AdminClient.withQuery(AdminClient.path("v1", "models", name),
                Collections.singletonMap("brand", session.brandAccountId())));
        out().println("Model '" + name + "' deleted.");
        return EXIT_OK;
    }
}

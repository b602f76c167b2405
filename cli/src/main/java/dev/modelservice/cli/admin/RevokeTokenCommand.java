package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-admin revoke token NAME}: makes an admin token stop working. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = "Revokes the admin token NAME; calls made with it fail from then on.")
final class RevokeTokenCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The token's name, as 'model-admin list tokens' shows it.")
    private String name;

    @Override
    public Integer call() {
        session().client().delete(AdminClient.path("v1", "tokens", name));
        out().println("Admin token '" + name + "' revoked.");
        return EXIT_OK;
    }
}

package dev.modelservice.cli.admin;

import picocli.CommandLine.Command;

/** {@code model-admin logout}: removes the saved URL and token. */
@Command(name = "logout",
        mixinStandardHelpOptions = true,
        description = "Removes the URL and admin token that 'model-admin login' saved. The token itself stays"
                + " valid; revoke it with 'model-admin revoke token NAME'.")
public final class LogoutCommand extends AdminCommand {
    @Override
    public Integer call() {
        AdminConfigFile file = context().configFile();
        String url = savedUrl(file);
        if (file.delete()) {
            out().println("Logged out" + (url != null ? " of " + url : "") + "; removed " + file.path() + ".");
        } else {
            out().println("Not logged in: " + file.path() + " does not exist.");
        }
        return EXIT_OK;
    }

    // Logging out must work even when the file is damaged, so the URL is only a courtesy.
    private static String savedUrl(AdminConfigFile file) {
        try {
            return file.read().map(config -> config.url().toString()).orElse(null);
        } catch (CommandFailedException e) {
            return null;
        }
    }
}

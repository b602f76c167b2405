package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The saved login of one admin command: a client for the admin API and the brand account that
 * brand-scoped calls name. {@code BRAND_ACCOUNT_ID}, when set, replaces the saved brand and is
 * saved for later commands. {@code MODEL_ADMIN_CA_FILE}, when set, replaces the saved CA file
 * for this command only.
 */
final class AdminSession {
    private final AdminClient client;
    private final String brandAccountId;

    private AdminSession(AdminClient client, String brandAccountId) {
        this.client = client;
        this.brandAccountId = brandAccountId;
    }

    /** Opens the saved login, or fails with a message on how to log in. */
    static AdminSession open(AdminContext context, PrintWriter err) {
        AdminConfigFile file = context.configFile();
        AdminConfig config = file.read().orElseThrow(() -> new CommandFailedException("not logged in: run"
                + " 'model-admin login URL' first, with the admin token in " + AdminContext.TOKEN_VARIABLE
                + " or a file given with --token-file"));

        // The variable wins over the saved file, so that a renewed CA can be tried before logging in again.
        Optional<Path> caFile = context.caFileVariable().or(config::caFileIfSet);
        AdminClient client = new AdminClient(config.url(), config.token(), caFile);

        String brandFromEnvironment = context.variable(AdminContext.BRAND_VARIABLE);
        if (brandFromEnvironment != null && !brandFromEnvironment.equals(config.brandAccountId())) {
            checkServed(client, brandFromEnvironment);
            config = config.withBrandAccountId(brandFromEnvironment);
            file.write(config);
            err.println("Brand account '" + brandFromEnvironment + "' from " + AdminContext.BRAND_VARIABLE
                    + " is saved in " + file.path() + " and used from now on.");
        }
        return new AdminSession(client, config.brandAccountId());
    }

    /** Checks a brand from the environment before it is saved, so that a typo is not kept for later commands. */
    private static void checkServed(AdminClient client, String brandAccountId) {
        List<String> served = new ArrayList<>();
        for (JsonNode brand : client.get("v1/brands")) {
            served.add(brand.path("account-id").asText());
        }
        if (!served.contains(brandAccountId)) {
            throw new CommandFailedException("brand account '" + brandAccountId + "' from "
                    + AdminContext.BRAND_VARIABLE + " is not served by " + client.baseUrl() + ", which serves "
                    + String.join(", ", served) + "; set " + AdminContext.BRAND_VARIABLE + " to one of those. Nothing"
                    + " was saved or changed");
        }
    }

    AdminClient client() {
        return client;
    }

    /** Returns the brand account to name in calls, or null to let a single-brand service pick its own. */
    String brandAccountId() {
        return brandAccountId;
    }

    @Override
    public String toString() {
        return "AdminSession[" + client + ", brand=" + brandAccountId + "]";
    }
}

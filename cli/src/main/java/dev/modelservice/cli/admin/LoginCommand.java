package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin login URL}: checks an admin token against the service and saves both. */
@Command(name = "login",
        mixinStandardHelpOptions = true,
        description = {
            "Checks an admin token against the Model Service's admin API at URL and saves the URL and token"
                + " for later commands.",
            "The token comes from --token-file, or else from the MODEL_ADMIN_TOKEN environment variable."
                + " 'model-service init' writes the first token to a file and prints where.",
            "They are saved in $XDG_CONFIG_HOME/model-admin/config.json, by default"
                + " ~/.config/model-admin/config.json, readable only by you (mode 0600).",
            "When BRAND_ACCOUNT_ID is set, its brand account is saved too and named in later calls.",
            "For an https URL whose certificate a private CA signed, give that CA's certificate with --ca-file;"
                + " its path is saved too."})
public final class LoginCommand extends AdminCommand {
    @Parameters(paramLabel = "URL", description = "The admin API's address, such as http://127.0.0.1:8081/.")
    private String url;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Reads the admin token from FILE instead of MODEL_ADMIN_TOKEN.")
    private Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "Trusts only the CA certificates in this PEM file for an https URL, instead of Java's"
                    + " default CAs, as for a service whose certificate a private CA signed. Saved with the login;"
                    + " MODEL_ADMIN_CA_FILE gives the same when this option is not given.")
    private Path caFile;

    @Override
    public Integer call() {
        URI baseUrl = AdminClient.baseUrl(url);
        String token = readToken();
        AdminConfigFile file = context().configFile();
        Optional<Path> trusted = Optional.ofNullable(caFile).or(() -> context().caFileVariable())
                .map(path -> path.toAbsolutePath().normalize());

        JsonNode status;
        try {
            status = new AdminClient(baseUrl, token, trusted).get("v1/status");
        } catch (AdminApiException e) {
            throw new CommandFailedException("login to " + baseUrl + " failed, nothing was saved: " + e.getMessage(), e);
        }
        String brand = chooseBrand(status, baseUrl, file);
        file.write(new AdminConfig(baseUrl, token, brand, trusted.orElse(null)));

        out().println("Logged in to the Model Service " + status.path("version").asText("(unknown version)")
                + " at " + baseUrl + ".");
        out().println(describeBrands(status, brand));
        out().println("The URL and token are saved in " + file.path() + ".");
        return EXIT_OK;
    }

    private String readToken() {
        String token;
        if (tokenFile != null) {
            try {
                token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CommandFailedException("cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
            }
            if (token.isEmpty()) {
                throw new CommandFailedException("the token file " + tokenFile + " is empty; give the file that"
                        + " 'model-service init' or 'model-admin create token' wrote");
            }
        } else {
            token = context().variable(AdminContext.TOKEN_VARIABLE);
            if (token == null) {
                throw new CommandFailedException("no admin token: set " + AdminContext.TOKEN_VARIABLE
                        + " or give --token-file FILE ('model-service init' prints where the first token is)");
            }
        }
        return token;
    }

    /**
     * Returns BRAND_ACCOUNT_ID when the service serves that brand, else the brand saved for the
     * same URL, else null.
     */
    private String chooseBrand(JsonNode status, URI baseUrl, AdminConfigFile file) {
        String requested = context().variable(AdminContext.BRAND_VARIABLE);
        List<String> served = servedBrands(status);
        if (requested != null) {
            if (!served.contains(requested)) {
                throw new CommandFailedException("brand account '" + requested + "' from "
                        + AdminContext.BRAND_VARIABLE + " is not served by " + baseUrl + ", which serves "
                        + (served.isEmpty() ? "none" : String.join(", ", served)) + "; nothing was saved");
            }
            return requested;
        }
        return file.read()
                .filter(saved -> saved.url().equals(baseUrl))
                .map(AdminConfig::brandAccountId)
                .filter(served::contains)
                .orElse(null);
    }

    private static List<String> servedBrands(JsonNode status) {
        List<String> brands = new ArrayList<>();
        status.path("brands").forEach(brand -> brands.add(brand.path("account-id").asText()));
        return brands;
    }

    private static String describeBrands(JsonNode status, String chosen) {
        List<String> served = servedBrands(status);
        if (chosen != null) {
            return "Brand account: " + chosen + ".";
        }
        if (served.size() == 1) {
            return "Brand account: " + served.get(0) + ", the only one it serves.";
        }
        if (served.isEmpty()) {
            return "The service serves no brand account yet; create one with 'model-service init'.";
        }
        return "The service serves " + served.size() + " brand accounts (" + String.join(", ", served)
                + "); set " + AdminContext.BRAND_VARIABLE + " once to choose one.";
    }
}

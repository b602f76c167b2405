package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code model-admin push-account-keys FILE...}: imports account-key and account assertions from the store. */
@Command(name = "push-account-keys",
        mixinStandardHelpOptions = true,
        description = {
            "Imports the account-key assertions in each FILE, such as the output of"
                + " 'snap known --remote account-key public-key-sha3-384=KEY'.",
            "Each must be for a signing key the service holds, or for a key of a brand the service serves,"
                + " such as the key that signs its model assertions. The service sends them to devices with"
                + " their serials.",
            "A FILE may also hold a brand's account assertion ('snap known --remote account account-id=BRAND'),"
                + " which the service sends with serials too, so that devices without store access can check"
                + " the whole chain.",
            "Prints one line per assertion: imported, unchanged or rejected, and why. Exits with status 1 when"
                + " one was rejected."})
public final class PushAccountKeysCommand extends AdminCommand {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files of one or more account-key or account assertions.")
    private List<Path> files;

    @Override
    public Integer call() {
        Map<Path, byte[]> contents = readAll();
        AdminSession session = session();

        boolean allAccepted = true;
        for (Map.Entry<Path, byte[]> file : contents.entrySet()) {
            allAccepted &= push(session.client(), file.getKey(), file.getValue());
        }
        return allAccepted ? EXIT_OK : EXIT_FAILED;
    }

    // Every file is read before the first one is sent, so that a typo in a name changes nothing.
    private Map<Path, byte[]> readAll() {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                contents.put(file, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new CommandFailedException("cannot read " + file + ": " + e + "; nothing was imported", e);
            }
        }
        return contents;
    }

    private boolean push(AdminClient client, Path file, byte[] assertions) {
        JsonNode response;
        try {
            response = client.postAssertions("v1/account-keys", assertions);
        } catch (AdminApiException e) {
            out().println(file + ": rejected: " + e.getMessage());
            return false;
        }

        boolean allAccepted = true;
        for (JsonNode result : response.path("results")) {
            String outcome = result.path("outcome").asText();
            out().println(file + ": " + outcome + ": " + result.path("message").asText());
            allAccepted &= !outcome.equals("rejected");
        }
        return allAccepted;
    }
}

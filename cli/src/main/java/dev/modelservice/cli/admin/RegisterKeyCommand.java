package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin register-key KEY}: the account-key-request for registering a key with the store. */
@Command(name = "register-key",
        mixinStandardHelpOptions = true,
        description = {
            "Prints the account-key-request assertion for the signing key KEY, signed by that key on the HSM,"
                + " or writes it to --output FILE.",
            "For air-gapped sites: take it to a machine that reaches the store and register it there. The"
                + " store returns an account-key assertion; import it with 'model-admin push-account-keys'."})
public final class RegisterKeyCommand extends AdminCommand {
    @Parameters(paramLabel = "KEY", description = "The signing key's SHA3-384 key id or name.")
    private String key;

    @Option(names = "--output", paramLabel = "FILE", description = "Writes the assertion to FILE instead.")
    private Path output;

    @Override
    public Integer call() {
        AdminSession session = session();
        byte[] request = session.client().postForAssertion(
                AdminClient.path("v1", "keys", key, "account-key-request"), new ObjectMapper().createObjectNode());

        if (output == null) {
            // Redirected output gets the assertion's exact bytes, because snapd splits a lone
            // assertion at its last blank line. A terminal also gets a line break before the prompt.
            String text = new String(request, StandardCharsets.UTF_8);
            out().print(text);
            if (context().terminal() && !text.endsWith("\n")) {
                out().println();
            }
            out().flush();
            return EXIT_OK;
        }
        try {
            Files.write(output, request);
        } catch (IOException e) {
            throw new CommandFailedException("cannot write the account-key-request to " + output + ": " + e, e);
        }
        out().println("Wrote the account-key-request for signing key '" + key + "' to " + output + ".");
        return EXIT_OK;
    }
}

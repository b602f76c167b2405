package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin create token NAME}: issues a new admin token. */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        description = {
            "Issues an admin token named NAME. The service keeps only its digest, so the token is shown this once:"
                + " on standard output, or written to --output FILE readable only by you.",
            "The audit log names the token behind every change; give each person or script its own."})
final class CreateTokenCommand extends AdminCommand {
    @Parameters(paramLabel = "NAME", description = "The token's name, such as ci or alice.")
    private String name;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Writes the token to FILE (mode 0600), which must not exist yet.")
    private Path output;

    @Override
    public Integer call() {
        AdminSession session = session();
        if (output != null) {
            // The file is created before the token, so that a taken or unwritable path leaves no token behind.
            createOutputFile();
        }
        JsonNode issued;
        try {
            issued = session.client().post("v1/tokens", new ObjectMapper().createObjectNode().put("name", name));
        } catch (RuntimeException e) {
            deleteEmptyOutputFile();
            throw e;
        }
        String token = issued.path("token").asText();

        if (output != null) {
            write(token);
            out().println("Admin token '" + name + "' created and written to " + output + ".");
        } else {
            // The token alone goes to standard output, so that a script can capture it.
            err().println("Admin token '" + name + "' created. It is shown only this once:");
            out().println(token);
        }
        return EXIT_OK;
    }

    private void createOutputFile() {
        try {
            Files.createFile(output, PosixFilePermissions.asFileAttribute(AdminConfigFile.FILE_MODE));
        } catch (FileAlreadyExistsException e) {
            throw new CommandFailedException(output + " exists already; give --output a new file, so that no other"
                    + " token is overwritten. No token was created", e);
        } catch (IOException e) {
            throw new CommandFailedException("cannot create " + output + " (" + e + "); no token was created", e);
        }
    }

    private void deleteEmptyOutputFile() {
        if (output == null) {
            return;
        }
        try {
            Files.deleteIfExists(output);
        } catch (IOException e) {
            err().println("model-admin: cannot remove the empty file " + output + ": " + e);
        }
    }

    private void write(String token) {
        try {
            Files.writeString(output, token + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandFailedException("admin token '" + name + "' was created, but writing it to " + output
                    + " failed (" + e + "); revoke it with 'model-admin revoke token " + name + "' and try again", e);
        }
    }
}

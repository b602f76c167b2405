package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin create key NAME}: generates a signing key pair on the HSM. */
@Command(name = "key",
        mixinStandardHelpOptions = true,
        description = {
            "Generates an RSA signing key pair named NAME on the Model Service's HSM, for the brand account of"
                + " BRAND_ACCOUNT_ID or the saved one. The private key never leaves the HSM.",
            "Some HSMs take minutes to generate a 4096-bit key; the command shows the seconds it has waited."})
final class CreateKeyCommand extends AdminCommand {
    static final int MIN_BITS = 2048;
    static final int MAX_BITS = 8192;
    /** How long the call may wait for the HSM: slow tokens such as smart cards need minutes for 8192 bits. */
    static final Duration KEY_GENERATION_TIMEOUT = Duration.ofMinutes(30);

    @Parameters(paramLabel = "NAME", description = "The key's name, such as serials-2026.")
    private String name;

    @Option(names = "--bits", paramLabel = "BITS", defaultValue = "4096",
            description = "The RSA modulus length in bits, " + MIN_BITS + " to " + MAX_BITS + " (default: 4096).")
    private int bits;

    @Override
    public Integer call() {
        if (bits < MIN_BITS || bits > MAX_BITS) {
            throw new CommandFailedException("--bits " + bits + " is out of range: give " + MIN_BITS + " to " + MAX_BITS
                    + ", such as 4096");
        }
        AdminSession session = session();
        ObjectNode body = new ObjectMapper().createObjectNode().put("name", name).put("bits", bits);
        if (session.brandAccountId() != null) {
            body.put("brand", session.brandAccountId());
        }

        out().println("Generating an RSA-" + bits + " key pair named '" + name + "' on the HSM."
                + " This may take some time.");
        out().flush();
        JsonNode key;
        try (ProgressReporter progress = ProgressReporter.start(err(), context().terminal(), "Waiting for the HSM")) {
            key = session.client().post("v1/keys", body, KEY_GENERATION_TIMEOUT);
        }

        out().println("SHA3-384: " + key.path("sha3-384").asText());
        out().println("Signing key '" + name + "' created.");
        return EXIT_OK;
    }
}

package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code model-admin create key NAME}: generates a signing key pair on the HSM, or records one that is there. */
@Command(name = "key",
        mixinStandardHelpOptions = true,
        description = {
            "Generates an RSA signing key pair named NAME on the Model Service's HSM, for the brand account of"
                + " BRAND_ACCOUNT_ID or the saved one. The private key never leaves the HSM.",
            "Some HSMs take minutes to generate a 4096-bit key; the command shows the seconds it has waited.",
            "With --existing HANDLE it generates nothing: it records a key pair that another tool created in the"
                + " token ('model-admin list hsm-keys' shows the handles), after a test signature with it."})
final class CreateKeyCommand extends AdminCommand {
    static final int MIN_BITS = 2048;
    static final int MAX_BITS = 8192;
    /** How long the call may wait for the HSM: slow tokens such as smart cards need minutes for 8192 bits. */
    static final Duration KEY_GENERATION_TIMEOUT = Duration.ofMinutes(30);

    @Parameters(paramLabel = "NAME", description = "The key's name, such as serials-2026.")
    private String name;

    @Option(names = "--bits", paramLabel = "BITS",
            description = "The RSA modulus length in bits, " + MIN_BITS + " to " + MAX_BITS + " (default: 4096).")
    private Integer bits;

    @Option(names = "--existing", paramLabel = "HANDLE",
            description = "Records the key pair with this handle (its CKA_ID in hex) instead of generating one.")
    private String existing;

    @Override
    public Integer call() {
        if (existing != null && bits != null) {
            throw new CommandFailedException("give either --bits, to generate a key pair, or --existing, to record"
                    + " one that is in the token already, not both");
        }
        int modulusBits = bits != null ? bits : 4096;
        if (modulusBits < MIN_BITS || modulusBits > MAX_BITS) {
            throw new CommandFailedException("--bits " + modulusBits + " is out of range: give " + MIN_BITS + " to "
                    + MAX_BITS + ", such as 4096");
        }
        AdminSession session = session();
        ObjectNode body = new ObjectMapper().createObjectNode().put("name", name);
        if (existing != null) {
            body.put("existing", existing);
        } else {
            body.put("bits", modulusBits);
        }
        if (session.brandAccountId() != null) {
            body.put("brand", session.brandAccountId());
        }

        JsonNode key = existing != null ? session.client().post("v1/keys", body) : generate(session, body, modulusBits);

        out().println("SHA3-384: " + key.path("sha3-384").asText());
        out().println("Signing key '" + name + "' created.");
        return EXIT_OK;
    }

    private JsonNode generate(AdminSession session, ObjectNode body, int modulusBits) {
        out().println("Generating an RSA-" + modulusBits + " key pair named '" + name + "' on the HSM."
                + " This may take some time.");
        out().flush();
        try (ProgressReporter progress = ProgressReporter.start(err(), context().terminal(), "Waiting for the HSM")) {
            return session.client().post("v1/keys", body, KEY_GENERATION_TIMEOUT);
        }
    }
}

package dev.modelservice.cli.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model-admin create serial-policy}: chooses the signing key of a model's serials. */
@Command(name = "serial-policy",
        mixinStandardHelpOptions = true,
        description = {
            "Makes a signing key sign the serials of a model, as a new serial policy revision; the newest"
                + " revision is the active one, and the older ones stay in the history.",
            "Asks for the model and the key when the options do not give them."})
final class CreateSerialPolicyCommand extends AdminCommand {
    @Option(names = "--model", paramLabel = "MODEL", description = "The model's name.")
    private String model;

    @Option(names = "--key", paramLabel = "KEY", description = "The signing key's SHA3-384 key id or name.")
    private String key;

    @Override
    public Integer call() {
        AdminSession session = session();
        String modelName = askIfMissing(model, "Model: ", "--model MODEL");
        String keyReference = askIfMissing(key, "Signing key (SHA3-384 or name): ", "--key KEY");

        ObjectNode body = new ObjectMapper().createObjectNode().put("key", keyReference);
        String path = AdminClient.withQuery(AdminClient.path("v1", "models", modelName, "serial-policies"),
                Collections.singletonMap("brand", session.brandAccountId()));
        JsonNode policy = session.client().post(path, body);

        out().println("Model '" + modelName + "' now signs serials with signing key '"
                + policy.path("key-name").asText() + "' (SHA3-384 " + policy.path("key-sha3-384").asText()
                + "), serial policy revision " + policy.path("revision").asText() + ".");
        warnWithoutAccountKey(session, policy.path("key-sha3-384").asText(), policy.path("key-name").asText());
        return EXIT_OK;
    }

    /**
     * Warns when the service has no account-key for the key: a device that cannot reach the
     * store then cannot check the chain of the serials it gets, and rejects them.
     */
    private void warnWithoutAccountKey(AdminSession session, String keyId, String keyName) {
        JsonNode signingKey = session.client().get(AdminClient.path("v1", "keys", keyId));
        if (!signingKey.path("account-key-known").asBoolean()) {
            err().println("Warning: the service has no account-key for signing key '" + keyName + "', so devices"
                    + " without store access cannot check the serials it signs. Register the key with"
                    + " 'model-admin register-key " + keyName + "' and import the store's answer with"
                    + " 'model-admin push-account-keys'.");
        }
    }
}

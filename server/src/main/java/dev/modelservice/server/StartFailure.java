package dev.modelservice.server;

import dev.modelservice.signer.SignerException;
import dev.modelservice.store.StoreException;
import java.io.IOException;
import java.util.stream.Collectors;

/** The operator's message for a failed start: the part that failed, the reason and where to fix it. */
final class StartFailure {
    /** The part of the service that creates and starts the signer from its settings. */
    static final String SIGNER = "signer";

    private StartFailure() {
    }

    /**
     * Returns the message of a failed start, such as "the signer failed: ...". A signer that
     * rejects its settings, such as a wrong PIN or token label, gets a note naming where they
     * come from: the file, and any environment variables that set them.
     */
    static String message(String part, Exception failure, ServiceConfiguration configuration) {
        String message = "the " + part + " failed: " + failure.getMessage();
        if (part.equals(SIGNER) && failure instanceof SignerException signerFailure
                && signerFailure.kind() == SignerException.Kind.CONFIGURATION) {
            message += " (" + signerSettingsSource(configuration) + ")";
        }
        return message;
    }

    private static String signerSettingsSource(ServiceConfiguration configuration) {
        String prefix = ServiceConfiguration.SIGNER_PREFIX + configuration.signerProvider() + ".";
        String file = configuration.source() == null ? "the settings given in code" : configuration.source().toString();
        String fromEnvironment = configuration.environmentVariables().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(prefix))
                .map(entry -> entry.getKey() + " from environment variable " + entry.getValue())
                .collect(Collectors.joining(", "));
        return "the signer's settings are the " + prefix + "* keys of " + file
                + (fromEnvironment.isEmpty() ? "" : ", with " + fromEnvironment);
    }

    /**
     * Returns whether the failure's message gives all that the operator needs, so that a stack
     * trace in the log would only bury it: a setting, the signer, the database, a start-up
     * check or a port.
     */
    static boolean isExplained(Throwable failure) {
        return failure instanceof ConfigurationException || failure instanceof SignerException
                || failure instanceof StoreException || failure instanceof StartupCheckException
                || failure instanceof IOException;
    }
}

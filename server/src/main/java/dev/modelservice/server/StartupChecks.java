package dev.modelservice.server;

import dev.modelservice.assertions.AssertionPublicKey;
import dev.modelservice.signer.KeyHandle;
import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SignerStatus;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.Model;
import dev.modelservice.store.SerialPolicy;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.Store;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks that {@code run} makes once the store and the signer have started, so that a
 * broken deployment fails at start rather than at the first device: the database responds,
 * and the signing key of every active serial policy is in the token, under its handle, with
 * the public key the store recorded. The signer's own start already found the token and
 * logged in.
 */
final class StartupChecks {
    private static final Logger LOG = LoggerFactory.getLogger(StartupChecks.class);

    private final int activePolicies;
    private final int signingKeys;
    /** The signer's own count of signing connections, when it reports a status. */
    private final Optional<Integer> connections;

    private StartupChecks(int activePolicies, int signingKeys, Optional<Integer> connections) {
        this.connections = connections;
        this.activePolicies = activePolicies;
        this.signingKeys = signingKeys;
    }

    /**
     * Runs the checks.
     *
     * @throws StartupCheckException naming every active policy whose key is not usable, and the fix
     * @throws SignerException when the token fails while the keys are looked up
     * @throws dev.modelservice.store.StoreUnavailableException when the database does not respond
     */
    static StartupChecks run(Store store, Signer signer, String signerProvider) throws SignerException {
        store.checkAvailable();
        if (store.brandAccounts().list().isEmpty()) {
            throw new StartupCheckException("the database serves no brand yet: run 'model-service init --config FILE"
                    + " --brand-account-id ID' once before 'run'");
        }

        List<SerialPolicy> policies = activePolicies(store);
        Set<String> checkedKeys = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (SerialPolicy policy : policies) {
            Optional<String> problem = keyProblem(policy, signer, signerProvider);
            problem.ifPresent(problems::add);
            checkedKeys.add(policy.signingKey().keyId());
        }
        if (!problems.isEmpty()) {
            throw new StartupCheckException(String.join("; ", problems) + ". Restore the key to the token, or"
                    + " give the model a new serial policy with a key the token has (model-admin create"
                    + " serial-policy --model MODEL --key KEY), then start again");
        }

        LOG.info("Start-up checks passed: the database responds, and the token has the {} signing key(s) of"
                + " {} active serial polic{}", checkedKeys.size(), policies.size(), policies.size() == 1 ? "y" : "ies");
        return new StartupChecks(policies.size(), checkedKeys.size(),
                signer.status().map(SignerStatus::connections));
    }

    /**
     * Stops a start on an embedded database that {@code init} never created, such as one under
     * a mistyped data-dir, before opening the store would create an empty one there.
     */
    static void requireEmbeddedDatabase(ServiceConfiguration configuration) {
        if (configuration.databaseUrl().isPresent()) {
            return;
        }
        Path folder = configuration.embeddedDatabaseFolder();
        if (!Files.isDirectory(folder)) {
            throw new StartupCheckException("there is no database in " + folder + ": check data-dir, or run"
                    + " 'model-service init --config FILE --brand-account-id ID' once before 'run'");
        }
    }

    private static List<SerialPolicy> activePolicies(Store store) {
        List<SerialPolicy> policies = new ArrayList<>();
        for (BrandAccount brand : store.brandAccounts().list()) {
            for (Model model : store.models().list(brand.accountId())) {
                store.serialPolicies().findActive(brand.accountId(), model.name()).ifPresent(policies::add);
            }
        }
        return policies;
    }

    /** Returns what is wrong with the policy's key, or empty when the token has it. */
    private static Optional<String> keyProblem(SerialPolicy policy, Signer signer, String signerProvider)
            throws SignerException {
        SigningKey key = policy.signingKey();
        String subject = "signing key '" + key.name() + "' (key id " + key.keyId() + ") of the active serial"
                + " policy, revision " + policy.revision() + ", of model " + policy.brandAccountId() + "/"
                + policy.modelName();
        if (!key.signerProvider().equals(signerProvider)) {
            return Optional.of(subject + " is kept by signer provider " + key.signerProvider() + ", but the"
                    + " service runs signer provider " + signerProvider);
        }

        dev.modelservice.signer.SigningKey found;
        try {
            found = signer.findKey(new KeyHandle(key.signerHandle()));
        } catch (SignerException e) {
            if (e.kind() != SignerException.Kind.KEY_NOT_FOUND) {
                throw e;
            }
            return Optional.of(subject + " is missing: " + e.getMessage());
        }
        String foundId = AssertionPublicKey.of(found.publicKey()).id();
        if (!foundId.equals(key.keyId())) {
            return Optional.of(subject + " is not in the token: handle " + key.signerHandle() + " selects key '"
                    + found.name() + "' with key id " + foundId + " instead");
        }
        return Optional.empty();
    }

    /**
     * Returns the line that reports the started service: version, both API URLs, the database, the
     * signer, what the checks covered and how long the start took.
     */
    String summary(String version, URI deviceApi, URI adminApi, ServiceConfiguration configuration, long startMillis) {
        return "Model Service " + version + " started in " + startMillis + " ms: device API " + deviceApi
                + ", admin API " + adminApi + ", database " + configuration.databaseDescription() + ", signer "
                + signerDescription(configuration, connections) + ", " + activePolicies + " active serial polic"
                + (activePolicies == 1 ? "y" : "ies") + " with " + signingKeys + " signing key(s) checked";
    }

    /**
     * Describes the signer by its provider and the two settings that identify its token and
     * its capacity, when the provider has them, as the pkcs11 provider does.
     */
    private static String signerDescription(ServiceConfiguration configuration, Optional<Integer> reported) {
        StringBuilder text = new StringBuilder(configuration.signerProvider());
        String tokenLabel = configuration.signerSettings().get("token-label");
        if (tokenLabel != null) {
            text.append(" token ").append(tokenLabel);
        }
        String connections = reported.map(String::valueOf).orElse(configuration.signerSettings().get("connections"));
        text.append(" with ").append(connections != null ? connections : "the provider's default number of")
                .append(" connections");
        return text.toString();
    }

    @Override
    public String toString() {
        return "StartupChecks[" + activePolicies + " active serial policies, " + signingKeys + " signing keys]";
    }
}

package dev.modelservice.server;

import dev.modelservice.server.admin.Inputs;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.IssuedAdminToken;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code model-service init}: the database, the brand and the first admin token. */
final class Bootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    static final String INITIAL_TOKEN_NAME = "initial-admin";

    /** The name the audit log records for the changes that init makes, since no token made them. */
    static final String AUDIT_ACTOR = "model-service init";

    private Bootstrap() {
    }

    static InitResult init(ServiceConfiguration configuration, String brandAccountId, String displayName) {
        if (!Inputs.isAccountId(brandAccountId)) {
            throw new IllegalArgumentException("brand account-id '" + brandAccountId + "' is invalid: give 2 to 28"
                    + " lowercase letters, digits and dashes, or 32 letters and digits, as the store assigns");
        }
        String name = displayName == null || displayName.isBlank() ? brandAccountId : displayName;
        createPrivateFolder(configuration.dataDir());

        try (Store store = StoreFactory.open(configuration.storeSettings())) {
            List<BrandAccount> brands = store.brandAccounts().list();
            if (!brands.isEmpty()) {
                return alreadyInitialised(configuration, brands, brandAccountId);
            }

            Path tokenFile = configuration.adminTokenFile();
            createOwnerOnlyFile(tokenFile);
            IssuedAdminToken token = store.inTransaction(records -> {
                records.brandAccounts().create(brandAccountId, name);
                records.auditLog().append(AUDIT_ACTOR, "create-brand", brandAccountId, "display-name=" + name);
                IssuedAdminToken issued = records.adminTokens().create(INITIAL_TOKEN_NAME);
                records.auditLog().append(AUDIT_ACTOR, "create-token", INITIAL_TOKEN_NAME, null);
                return issued;
            });
            write(tokenFile, token.secret());

            LOG.info("Initialised the database {} for brand {} and wrote admin token {} to {}",
                    configuration.storeSettings().redactedUrl(), brandAccountId, INITIAL_TOKEN_NAME, tokenFile);
            return new InitResult(brandAccountId, true, tokenFile, "Initialised the Model Service for brand '"
                    + brandAccountId + "'. The admin token '" + INITIAL_TOKEN_NAME + "' is in " + tokenFile
                    + ", readable only by its owner.");
        }
    }

    private static InitResult alreadyInitialised(
            ServiceConfiguration configuration, List<BrandAccount> brands, String brandAccountId) {
        String served = brands.stream().map(brand -> "'" + brand.accountId() + "'").collect(Collectors.joining(", "));
        if (brands.stream().noneMatch(brand -> brand.accountId().equals(brandAccountId))) {
            throw new IllegalStateException("the database " + configuration.storeSettings().redactedUrl()
                    + " is initialised already for brand " + served + ", not '" + brandAccountId
                    + "'; add another brand with POST /v1/brands on the admin API");
        }
        LOG.info("The database serves brand {} already; init changed nothing", brandAccountId);
        return new InitResult(brandAccountId, false, configuration.adminTokenFile(), "The Model Service is"
                + " initialised already for brand '" + brandAccountId + "'; nothing changed. The first run wrote the"
                + " admin token '" + INITIAL_TOKEN_NAME + "' to " + configuration.adminTokenFile() + ".");
    }

    /** Creates the data folder readable only by its owner, since it contains the database and the token. */
    private static void createPrivateFolder(Path folder) {
        if (Files.isDirectory(folder)) {
            return;
        }
        try {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data-dir " + folder + ": " + e
                    + "; create it for the service's account or correct data-dir", e);
        }
    }

    /**
     * Creates the empty token file with mode 0600 before the token exists, so that a folder the
     * service cannot write fails before the database contains a token that no one can read.
     */
    private static void createOwnerOnlyFile(Path file) {
        try {
            if (Files.deleteIfExists(file)) {
                LOG.warn("Replaced {}, left by an earlier database: its token is not valid for this one", file);
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the admin token file " + file + ": " + e
                    + "; make data-dir writable for the service's account", e);
        }
    }

    private static void write(Path file, String secret) {
        try {
            Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token file " + file + ": " + e + "; the database"
                    + " holds token '" + INITIAL_TOKEN_NAME + "' now, so delete the database and run init again", e);
        }
    }
}

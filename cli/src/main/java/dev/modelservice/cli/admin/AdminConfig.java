package dev.modelservice.cli.admin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code model-admin login} saves: the admin API's base URL, the admin token, the
 * brand account that brand-scoped calls name (null: the service's only brand), and the PEM
 * file of the CA certificates to trust for an https URL (null: Java's default CAs).
 */
record AdminConfig(URI url, String token, String brandAccountId, Path caFile) {
    AdminConfig withBrandAccountId(String accountId) {
        return new AdminConfig(url, token, accountId, caFile);
    }

    Optional<Path> caFileIfSet() {
        return Optional.ofNullable(caFile);
    }

    // The token is a password: keep it out of logs and messages.
    @Override
    public String toString() {
        return "AdminConfig[url=" + url + ", brandAccountId=" + brandAccountId + ", caFile=" + caFile + "]";
    }
}

package dev.modelservice.cli.admin;

import java.net.URI;

/**
 * What {@code model-admin login} saves: the admin API's base URL, the admin token, and the
 * brand account that brand-scoped calls name (null: the service's only brand).
 */
record AdminConfig(URI url, String token, String brandAccountId) {
    AdminConfig withBrandAccountId(String accountId) {
        return new AdminConfig(url, token, accountId);
    }

    // The token is a password: keep it out of logs and messages.
    @Override
    public String toString() {
        return "AdminConfig[url=" + url + ", brandAccountId=" + brandAccountId + "]";
    }
}

package dev.modelservice.server.admin;

import dev.modelservice.server.metrics.ServiceMetrics;
import dev.modelservice.signer.Signer;
import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.SigningKey;
import dev.modelservice.store.Store;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The store, the started signer and its provider's name, which the admin resources work
 * with. The store records the provider's name with each key the signer generates.
 *
 * @param version the service's version, for the status resource
 * @param metrics the service's metrics, for the metrics resource
 */
public record AdminContext(Store store, Signer signer, String signerProvider, String version,
        ServiceMetrics metrics) {

    /**
     * Returns the brand account a request selects: the named one, or the only one when the
     * request names none.
     *
     * @throws ApiException 404 for an unknown brand, 400 when none is named and the service
     *     serves no brand or several
     */
    BrandAccount brand(String requested) {
        if (requested != null && !requested.isEmpty()) {
            return store.brandAccounts().find(requested).orElseThrow(() -> ApiException.notFound(
                    "brand '" + requested + "' not found: the service serves " + describe(store.brandAccounts().list())
                            + "; add a brand with POST /v1/brands"));
        }
        List<BrandAccount> brands = store.brandAccounts().list();
        if (brands.size() == 1) {
            return brands.get(0);
        }
        if (brands.isEmpty()) {
            throw ApiException.badRequest("the service serves no brand yet; run 'model-service init"
                    + " --brand-account-id ID' or add one with POST /v1/brands");
        }
        throw ApiException.badRequest("the service serves several brands (" + describe(brands)
                + "); name one with the brand parameter");
    }

    /**
     * Finds a signing key by its SHA3-384 key id or by its name.
     *
     * @throws ApiException 404 when no key has that id or name
     */
    SigningKey signingKey(String reference) {
        if (Inputs.isKeyId(reference)) {
            Optional<SigningKey> byId = store.signingKeys().findByKeyId(reference);
            if (byId.isPresent()) {
                return byId.get();
            }
        }
        return store.signingKeys().findByName(reference).orElseThrow(() -> ApiException.notFound(
                "signing key '" + reference + "' not found: give a key's name or SHA3-384 as 'model-admin list"
                        + " keys' shows them, or create it with 'model-admin create key NAME'"));
    }

    private static String describe(List<BrandAccount> brands) {
        if (brands.isEmpty()) {
            return "no brand";
        }
        return brands.stream().map(brand -> "'" + brand.accountId() + "'").collect(Collectors.joining(", "));
    }
}

package dev.modelservice.server.device;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.store.Store;
import dev.modelservice.store.StoreException;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Health check of the parts a serial needs, for load balancers: the database runs a query
 * and the HSM makes a test signature. The service is healthy only when both succeed.
 */
public final class ServiceHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceHealth.class);

    private final Store store;
    private final Signer signer;

    public ServiceHealth(Store store, Signer signer) {
        this.store = store;
        this.signer = signer;
    }

    /**
     * The outcome of one check.
     *
     * @param parts "ok" or the failure, for the database and the HSM
     */
    public record Report(boolean healthy, Map<String, String> parts) {
    }

    public Report check() {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("database", checkDatabase());
        parts.put("hsm", checkHsm());
        boolean healthy = parts.values().stream().allMatch("ok"::equals);
        if (!healthy) {
            LOG.warn("Health check failed: {}", parts);
        }
        return new Report(healthy, parts);
    }

    private String checkDatabase() {
        try {
            store.checkAvailable();
            return "ok";
        } catch (StoreException e) {
            return "unavailable: " + e.getMessage();
        }
    }

    private String checkHsm() {
        try {
            signer.checkHealth();
            return "ok";
        } catch (SignerException e) {
            return e.kind() + ": " + e.getMessage();
        }
    }
}

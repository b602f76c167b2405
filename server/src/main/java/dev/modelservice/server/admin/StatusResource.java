package dev.modelservice.server.admin;

import dev.modelservice.signer.SignerException;
import dev.modelservice.store.RecordCounts;
import dev.modelservice.store.StoreException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The service's version, brands, the health of the signer and the database, and record counts. */
@Path("/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public final class StatusResource {
    private static final Logger LOG = LoggerFactory.getLogger(StatusResource.class);

    private final AdminContext context;

    @Inject
    StatusResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public Views.Status status() {
        Views.SignerStatus signer = signerStatus();
        RecordCounts counts = context.store().counts();
        Views.Counts countsView = new Views.Counts(counts.brandAccounts(), counts.signingKeys(), counts.models(),
                counts.serialPolicies(), counts.accountKeys(), counts.signingLogEntries(), counts.validAdminTokens());
        return new Views.Status(
                context.version(),
                BrandsResource.list(context.store()),
                signer,
                databaseStatus(),
                countsView);
    }

    private Views.SignerStatus signerStatus() {
        String description = context.signer().toString();
        try {
            context.signer().checkHealth();
            return new Views.SignerStatus(context.signerProvider(), description, true, null);
        } catch (SignerException e) {
            LOG.warn("Signer health check failed: {}", e.getMessage());
            return new Views.SignerStatus(context.signerProvider(), description, false, e.getMessage());
        }
    }

    /** Checks the database again, because it may have stopped since the token check queried it. */
    private Views.DatabaseStatus databaseStatus() {
        try {
            context.store().checkAvailable();
            return new Views.DatabaseStatus(true, null);
        } catch (StoreException e) {
            LOG.warn("Database health check failed: {}", e.getMessage());
            return new Views.DatabaseStatus(false, e.getMessage());
        }
    }
}

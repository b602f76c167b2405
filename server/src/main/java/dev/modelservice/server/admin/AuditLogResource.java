package dev.modelservice.server.admin;

import dev.modelservice.store.AuditEntry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The admin changes, newest first. */
@Path("/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditLogResource {
    private final AdminContext context;

    @Inject
    AuditLogResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.AuditEntry> list(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        List<AuditEntry> entries = context.store().auditLog().list(Inputs.optionalTime(since, "since"),
                Inputs.limit(limit));
        return entries.stream().map(AuditLogResource::view).toList();
    }

    private static Views.AuditEntry view(AuditEntry entry) {
        return new Views.AuditEntry(entry.id(), Inputs.format(entry.recordedAt()), entry.tokenName(), entry.action(),
                entry.subject(), entry.details());
    }
}

package dev.modelservice.server.admin;

import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.SigningLogQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Every serial the service signed; deleting an entry lets its device be provisioned again. */
@Path("/v1/signing-log")
@Produces(MediaType.APPLICATION_JSON)
public final class SigningLogResource {
    private final AdminContext context;

    @Inject
    SigningLogResource(AdminContext context) {
        this.context = context;
    }

    /** Lists entries newest first; a model filter needs the brand, which defaults to the only one. */
    @GET
    public List<Views.SigningLogEntry> list(@QueryParam("brand") String brand, @QueryParam("model") String model,
            @QueryParam("serial") String serial, @QueryParam("since") String since,
            @QueryParam("limit") String limit) {
        SigningLogQuery query = SigningLogQuery.newest(Inputs.limit(limit));
        if (model != null && !model.isEmpty()) {
            query = query.withModel(context.brand(brand).accountId(), model);
        } else if (brand != null && !brand.isEmpty()) {
            query = query.withBrand(context.brand(brand).accountId());
        }
        if (serial != null && !serial.isEmpty()) {
            query = query.withSerial(serial);
        }
        query = query.withSince(Inputs.optionalTime(since, "since"));
        return context.store().signingLog().query(query).stream().map(SigningLogResource::view).toList();
    }

    @GET
    @Path("{id}")
    public Views.SigningLogEntryDetails get(@PathParam("id") String id) {
        SigningLogEntry entry = context.store().signingLog().find(parseId(id)).orElseThrow(() -> notFound(id));
        return new Views.SigningLogEntryDetails(entry.id(), entry.brandAccountId(), entry.modelName(), entry.serial(),
                entry.revision(), entry.deviceKeyId(), entry.signingKeyId(), Inputs.format(entry.signedAt()),
                entry.clientAddress(), entry.serialAssertion());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context SecurityContext security) {
        long number = parseId(id);
        boolean deleted = context.store().inTransaction(records -> {
            SigningLogEntry entry = records.signingLog().find(number).orElse(null);
            if (entry == null || !records.signingLog().delete(number)) {
                return false;
            }
            records.auditLog().append(BearerTokenFilter.tokenName(security), "delete-signing-log-entry", id,
                    "brand=" + entry.brandAccountId() + ", model=" + entry.modelName() + ", serial=" + entry.serial()
                            + ", revision=" + entry.revision());
            return true;
        });
        if (!deleted) {
            throw notFound(id);
        }
        return Response.noContent().build();
    }

    private static long parseId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("signing log entry id '" + id + "' is not a number; give the id that"
                    + " GET /v1/signing-log lists");
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("signing log entry " + id + " not found; list the entries with"
                + " 'model-admin list signing-log'");
    }

    private static Views.SigningLogEntry view(SigningLogEntry entry) {
        return new Views.SigningLogEntry(entry.id(), entry.brandAccountId(), entry.modelName(), entry.serial(),
                entry.revision(), entry.deviceKeyId(), entry.signingKeyId(), Inputs.format(entry.signedAt()),
                entry.clientAddress());
    }
}

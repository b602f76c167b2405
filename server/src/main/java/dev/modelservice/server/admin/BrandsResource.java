package dev.modelservice.server.admin;

import dev.modelservice.store.BrandAccount;
import dev.modelservice.store.Store;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** The brand accounts that the service signs serials for. */
@Path("/v1/brands")
@Produces(MediaType.APPLICATION_JSON)
public final class BrandsResource {
    private final AdminContext context;

    @Inject
    BrandsResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.Brand> list() {
        return list(context.store());
    }

    static List<Views.Brand> list(Store store) {
        return store.brandAccounts().list().stream().map(BrandsResource::view).toList();
    }

    /** Records a brand; the display name defaults to the account-id. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Requests.CreateBrand body, @Context SecurityContext security) {
        Requests.CreateBrand request = Inputs.body(body, "\"account-id\" and \"display-name\"");
        String accountId = Inputs.accountId(request.accountId());
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? accountId : request.displayName();

        BrandAccount brand = context.store().inTransaction(records -> {
            BrandAccount created = records.brandAccounts().create(accountId, displayName);
            records.auditLog().append(BearerTokenFilter.tokenName(security), "create-brand", accountId,
                    "display-name=" + displayName);
            return created;
        });
        return Response.status(Response.Status.CREATED).entity(view(brand)).build();
    }

    static Views.Brand view(BrandAccount brand) {
        return new Views.Brand(brand.accountId(), brand.displayName(), Inputs.format(brand.createdAt()));
    }
}

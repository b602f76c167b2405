package dev.modelservice.server.admin;

import dev.modelservice.store.AdminToken;
import dev.modelservice.store.IssuedAdminToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** Admin tokens: listed by name, created with their secret shown once, revoked at once. */
@Path("/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {
    private final AdminContext context;

    @Inject
    TokensResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public List<Views.Token> list() {
        return context.store().adminTokens().list().stream().map(TokensResource::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(Requests.CreateToken body, @Context SecurityContext security) {
        String name = Inputs.tokenName(Inputs.body(body, "\"name\"").name());

        IssuedAdminToken issued = context.store().inTransaction(records -> {
            IssuedAdminToken token = records.adminTokens().create(name);
            records.auditLog().append(BearerTokenFilter.tokenName(security), "create-token", name, null);
            return token;
        });
        return Response.status(Response.Status.CREATED)
                .entity(new Views.IssuedToken(issued.token().name(), issued.secret()))
                .build();
    }

    @DELETE
    @Path("{name}")
    public Response revoke(@PathParam("name") String name, @Context SecurityContext security) {
        boolean revoked = context.store().inTransaction(records -> {
            if (!records.adminTokens().revoke(name)) {
                return false;
            }
            records.auditLog().append(BearerTokenFilter.tokenName(security), "revoke-token", name, null);
            return true;
        });
        if (!revoked) {
            throw ApiException.notFound("no valid admin token is named '" + name + "'; list them with GET /v1/tokens");
        }
        return Response.noContent().build();
    }

    private static Views.Token view(AdminToken token) {
        return new Views.Token(token.name(), Inputs.format(token.createdAt()), Inputs.format(token.revokedAt()));
    }
}

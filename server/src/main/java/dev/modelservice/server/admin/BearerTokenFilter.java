package dev.modelservice.server.admin;

import dev.modelservice.store.AdminToken;
import dev.modelservice.store.Store;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a request through only with {@code Authorization: Bearer TOKEN} of a valid admin
 * token, and makes the token's name the request's principal for the audit log. It runs
 * before matching, so unknown paths need a token too. The one exception is a metrics scrape
 * ({@code GET} or {@code HEAD /metrics}), unless the service requires a token for it: scrapers
 * rarely carry one, and the metrics contain no secret.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class BearerTokenFilter implements ContainerRequestFilter {
    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final String SCHEME = "Bearer ";

    private final Store store;
    private final boolean metricsRequireToken;

    BearerTokenFilter(Store store, boolean metricsRequireToken) {
        this.store = store;
        this.metricsRequireToken = metricsRequireToken;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!metricsRequireToken && isMetricsScrape(request)) {
            return;
        }

        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            reject(request, "the request has no bearer token: send 'Authorization: Bearer TOKEN' with an admin"
                    + " token ('model-service init' writes the first one to a file)");
            return;
        }

        Optional<AdminToken> token = store.adminTokens().authenticate(header.substring(SCHEME.length()).strip());
        if (token.isEmpty()) {
            reject(request, "the bearer token is unknown or revoked: use a valid admin token");
            return;
        }
        request.setSecurityContext(new TokenSecurity(token.get().name(), request.getSecurityContext().isSecure()));
    }

    private static boolean isMetricsScrape(ContainerRequestContext request) {
        String method = request.getMethod();
        return (method.equals("GET") || method.equals("HEAD"))
                && request.getUriInfo().getPath().equals(MetricsResource.PATH);
    }

    private static void reject(ContainerRequestContext request, String message) {
        LOG.info("Rejected {} /{} with 401: {}", request.getMethod(), request.getUriInfo().getPath(), message);
        request.abortWith(Response.fromResponse(ErrorBody.response(401, message))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"model-service admin\"")
                .build());
    }

    /** Returns the name of the token that authenticated the request. */
    static String tokenName(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    private record TokenSecurity(String tokenName, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return () -> tokenName;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}

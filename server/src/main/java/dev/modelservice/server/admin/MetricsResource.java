package dev.modelservice.server.admin;

import dev.modelservice.server.metrics.ServiceMetrics;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * The service's metrics for Prometheus, in the text format or, when the scraper's
 * {@code Accept} header lists it, OpenMetrics. {@link BearerTokenFilter} lets scrapers in without a token
 * unless {@code admin.metrics-require-token} is true.
 */
@Path(MetricsResource.PATH)
public final class MetricsResource {
    static final String PATH = "metrics";

    private final AdminContext context;

    @Inject
    MetricsResource(AdminContext context) {
        this.context = context;
    }

    @GET
    public Response scrape(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ServiceMetrics.Exposition exposition = context.metrics().scrape(accept);
        return Response.ok(exposition.body()).header(HttpHeaders.CONTENT_TYPE, exposition.contentType()).build();
    }
}

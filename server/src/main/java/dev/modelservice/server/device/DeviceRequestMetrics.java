package dev.modelservice.server.device;

import dev.modelservice.server.metrics.ServiceMetrics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;

import java.lang.reflect.Method;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * Counts and times each device request that reaches Jersey: by the {@link Endpoint} of the
 * resource method it matched, the HTTP status, and the error code the device gets in the
 * body. Requests that Jetty rejects before they reach Jersey, such as those with oversized
 * headers, are not counted.
 */
@PreMatching
final class DeviceRequestMetrics implements ContainerRequestFilter, ContainerResponseFilter {
    /** The label of requests that match no resource method: unknown paths and wrong methods. */
    static final String UNMATCHED = "unmatched";

    /** The code label of responses without an error body. */
    static final String NO_CODE = "none";

    private static final String STARTED = DeviceRequestMetrics.class.getName() + ".started";

    private final ServiceMetrics metrics;

    DeviceRequestMetrics(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        long elapsed = started instanceof Long nanos ? System.nanoTime() - nanos : 0;
        metrics.deviceRequest(endpoint(request), response.getStatus(), code(response.getEntity()), elapsed);
    }

    private static String endpoint(ContainerRequestContext request) {
        ResourceMethod matched = ((ExtendedUriInfo) request.getUriInfo()).getMatchedResourceMethod();
        if (matched == null) {
            return UNMATCHED;
        }
        Method method = matched.getInvocable().getDefinitionMethod();
        Endpoint endpoint = method.getAnnotation(Endpoint.class);
        return endpoint == null ? UNMATCHED : endpoint.value();
    }

    /** Returns the error code of a body that {@link DeviceErrorBody} built, else {@value #NO_CODE}. */
    static String code(Object entity) {
        return entity instanceof DeviceErrorBody.Entity error ? error.code() : NO_CODE;
    }
}

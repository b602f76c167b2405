package dev.modelservice.server.admin;

import dev.modelservice.server.http.HttpListener;
import dev.modelservice.server.http.TlsSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The admin API on a Jetty connector of its own, apart from the device API's. */
public final class AdminListener {
    private final HttpListener listener;

    /**
     * Builds the listener, not started.
     *
     * @param idleTimeout how long a connection may stay silent. A key generation request is
     *     silent until the key is ready, which takes minutes on some HSMs.
     * @param tls the certificate and key to serve HTTPS with, or empty for plain HTTP
     * @param metricsRequireToken whether {@code GET /metrics} needs an admin token like every
     *     other path
     */
    public AdminListener(String host, int port, Duration idleTimeout, Optional<TlsSettings> tls, AdminContext context,
            boolean metricsRequireToken) {
        listener = new HttpListener("admin API", host, port, idleTimeout, tls,
                application(context, metricsRequireToken));
    }

    private static ResourceConfig application(AdminContext context, boolean metricsRequireToken) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("model-service-admin");
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new JsonMapper());
        config.register(new BearerTokenFilter(context.store(), metricsRequireToken));
        ErrorMappers.all().forEach(config::register);

        // Resources are registered as classes and get the context injected, because Jersey
        // warns, wrongly, that resource instances are providers it will ignore.
        config.register(new AbstractBinder() {
            @Override
            protected void configure() {
                bind(context).to(AdminContext.class);
            }
        });
        config.register(StatusResource.class);
        config.register(BrandsResource.class);
        config.register(TokensResource.class);
        config.register(AuditLogResource.class);
        config.register(KeysResource.class);
        config.register(HsmKeysResource.class);
        config.register(AccountKeysResource.class);
        config.register(ModelsResource.class);
        config.register(SigningLogResource.class);
        config.register(MetricsResource.class);
        return config;
    }

    /**
     * Binds the connector and starts serving.
     *
     * @throws Exception when the port is taken or the host cannot be bound; the listener is
     *     stopped again then
     */
    public void start() throws Exception {
        listener.start();
    }

    /** Returns the URI clients reach the bound connector at, such as http://127.0.0.1:8081/. */
    public URI uri() {
        return listener.uri();
    }

    /** Stops serving; requests in progress get up to five seconds to finish. */
    public void stop() {
        listener.stop();
    }

    @Override
    public String toString() {
        return "AdminListener[" + listener.details() + "]";
    }
}

package dev.modelservice.server.admin;

import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.inject.hk2.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API on a Jetty connector of its own. The server is built here rather than by
 * Jersey's Jetty factory, which binds every interface whatever host it is given.
 */
public final class AdminListener {
    private static final Logger LOG = LoggerFactory.getLogger(AdminListener.class);

    /** How long stopping waits for requests in progress to finish. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final Server server;
    private final ServerConnector connector;

    /**
     * Builds the listener, not started.
     *
     * @param idleTimeout how long a connection may stay silent. A key generation request is
     *     silent until the key is ready, which takes minutes on some HSMs.
     */
    public AdminListener(String host, int port, Duration idleTimeout, AdminContext context) {
        this.host = host;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("admin-api");
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);

        server.setHandler(ContainerFactory.createContainer(JettyHttpContainer.class, application(context)));
    }

    private static ResourceConfig application(AdminContext context) {
        ResourceConfig config = new ResourceConfig();
        config.setApplicationName("model-service-admin");
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new JsonMapper());
        config.register(new BearerTokenFilter(context.store()));
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
        config.register(AccountKeysResource.class);
        config.register(ModelsResource.class);
        config.register(SigningLogResource.class);
        return config;
    }

    /**
     * Binds the connector and starts serving.
     *
     * @throws Exception when the port is taken or the host cannot be bound; the listener is
     *     stopped again then
     */
    public void start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw e;
        }
        LOG.info("Admin API listening on {}", uri());
    }

    /** Returns the URI clients reach the bound connector at, such as http://127.0.0.1:8081/. */
    public URI uri() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("http://" + literal + ":" + connector.getLocalPort() + "/");
    }

    /** Stops serving; requests in progress get up to five seconds to finish. */
    public void stop() {
        int port = connector.getLocalPort();
        try {
            server.stop();
            LOG.info("Admin API on {}:{} stopped", host, port);
        } catch (Exception e) {
            LOG.error("Stopping the admin API on {}:{} failed", host, port, e);
        }
    }

    @Override
    public String toString() {
        String address = server.isStarted() ? uri().toString() : host + ":" + connector.getPort();
        return "AdminListener[" + address + ", " + server.getState() + "]";
    }
}

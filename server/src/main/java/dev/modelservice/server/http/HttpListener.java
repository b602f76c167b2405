package dev.modelservice.server.http;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jersey application on a Jetty server and connector of its own, bound to one host, over
 * plain HTTP or TLS. The server is built here rather than by Jersey's Jetty factory, which
 * binds every interface whatever host it is given.
 */
public final class HttpListener {
    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);

    /** How long stopping waits for requests in progress to finish. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** A snapd request body is a few KiB, sent at once; 1 KiB/s is far below any real client. */
    private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

    private final String name;
    private final String host;
    private final Optional<TlsSettings> tls;
    private final Server server;
    private final ServerConnector connector;

    /**
     * Builds the listener, not started.
     *
     * @param name what the listener serves, for logs and thread names, such as "device API"
     * @param port the port, or 0 for any free one
     * @param idleTimeout how long a connection may stay silent
     * @param tls the certificate and key to serve HTTPS with, or empty for plain HTTP
     */
    public HttpListener(String name, String host, int port, Duration idleTimeout, Optional<TlsSettings> tls,
            ResourceConfig application) {
        this.name = name;
        this.host = host;
        this.tls = tls;
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName(name.replace(' ', '-'));
        server = new Server(threads);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // A client that sends its body slower than this is cut off, so that slow bodies
        // cannot hold the worker threads.
        http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
        connector = tls.isPresent()
                ? tlsConnector(server, http, tls.get())
                : new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(idleTimeout.toMillis());
        server.addConnector(connector);

        server.setHandler(ContainerFactory.createContainer(JettyHttpContainer.class, application));
        server.setErrorHandler(new JsonErrorHandler());
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, TlsSettings tls) {
        // Marks requests as secure and checks that the SNI host name, when sent, fits the certificate.
        http.addCustomizer(new SecureRequestCustomizer());
        return new ServerConnector(server,
                new SslConnectionFactory(tls.sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
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
        LOG.info("{} listening on {}", capitalised(), uri());
    }

    /** Returns the URI clients reach the bound connector at, such as http://127.0.0.1:8080/ or https://... with TLS. */
    public URI uri() {
        String literal = host.contains(":") ? "[" + host + "]" : host;
        String scheme = tls.isPresent() ? "https" : "http";
        return URI.create(scheme + "://" + literal + ":" + connector.getLocalPort() + "/");
    }

    /** Stops serving; requests in progress get up to five seconds to finish. */
    public void stop() {
        // Read before stopping: a closed connector reports a negative port.
        int port = connector.getLocalPort();
        try {
            server.stop();
            LOG.info("{} on {}:{} stopped", capitalised(), host, port);
        } catch (Exception e) {
            LOG.error("Stopping the {} on {}:{} failed", name, host, port, e);
        }
    }

    private String capitalised() {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public String toString() {
        return "HttpListener[" + name + ", " + details() + "]";
    }

    /** Returns the bound address, or the configured one before start, and the server's state. */
    public String details() {
        String address = server.isStarted() ? uri().toString()
                : host + ":" + connector.getPort() + (tls.isPresent() ? " (TLS)" : "");
        return address + ", " + server.getState();
    }
}

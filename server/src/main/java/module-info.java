/**
 * The Model Service: the admin API (and, later, the device API) on Jersey and Jetty, the
 * service's lifecycle and configuration, and the {@code model-service} command.
 */
module dev.modelservice.server {
    requires dev.modelservice.api;
    requires dev.modelservice.assertions;
    requires dev.modelservice.store.sql;
    requires org.slf4j;
    requires jul.to.slf4j;
    requires info.picocli;
    requires jakarta.ws.rs;
    requires jakarta.annotation;
    requires jakarta.inject;
    requires org.glassfish.jersey.core.common;
    requires org.glassfish.jersey.core.server;
    requires org.glassfish.jersey.container.jetty.http;
    requires org.glassfish.jersey.media.json.jackson;
    // Jersey finds its injection manager with ServiceLoader; requiring HK2's binding resolves it.
    requires org.glassfish.jersey.inject.hk2;
    requires org.eclipse.jetty.server;
    // The listeners read PEM private keys with BouncyCastle.
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.annotation;
    // Prometheus' Java client 1.10 ships automatic modules named in its jars' manifests.
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires io.prometheus.metrics.instrumentation.jvm;

    exports dev.modelservice.server;

    // picocli fills the command objects by reflection.
    opens dev.modelservice.server to info.picocli;
    // Jersey and HK2 call the resources, filters and mappers; Jackson reads and writes the JSON records.
    opens dev.modelservice.server.admin to org.glassfish.hk2.locator, org.glassfish.hk2.utilities,
            org.glassfish.jersey.core.server, com.fasterxml.jackson.databind;
    // Jersey and HK2 call the device resource and its error mappers.
    opens dev.modelservice.server.device to org.glassfish.hk2.locator, org.glassfish.hk2.utilities,
            org.glassfish.jersey.core.server;
}

/**
 * A throughput benchmark for the Model Service: it drives a running service over loopback
 * with serial-requests signed by pre-generated device keys, verifies every response, and
 * measures the raw signing rate of the same HSM path through the Signer SPI.
 */
module dev.modelservice.bench {
    requires dev.modelservice.api;
    requires dev.modelservice.assertions;
    requires com.fasterxml.jackson.databind;
    requires info.picocli;
    requires org.slf4j;
    requires java.net.http;
    requires org.eclipse.jetty.client;

    // picocli fills the command objects by reflection.
    opens dev.modelservice.bench to info.picocli;
}

package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.server.http.HttpListener;
import dev.modelservice.server.http.TlsSettings;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Listeners on 127.0.0.1 serving HTTPS with certificates made in the test, reached with java.net.http. */
@ExtendWith(HsmResolver.class)
class TlsListenerTest {
    private static TestCertificates.Issued rsaListener;

    @TempDir
    Path folder;

    /** A resource that returns a fixed text for GET /. */
    @jakarta.ws.rs.Path("/")
    public static final class Greeting {
        @GET
        @Produces("text/plain")
        public String greet() {
            return "hello over TLS";
        }
    }

    @BeforeAll
    static void makeCertificate() throws Exception {
        rsaListener = TestCertificates.selfSigned(TestCertificates.rsaKeys());
    }

    private static HttpListener listener(TlsSettings tls) {
        ResourceConfig application = new ResourceConfig(Greeting.class);
        application.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        return new HttpListener("test API", "127.0.0.1", 0, Duration.ofSeconds(30), Optional.of(tls), application);
    }

    /** A request to a started listener. */
    private interface ListenerCall<T> {
        T call(URI listenerUri) throws Exception;
    }

    /** Starts a listener with {@code tls}, makes {@code call} to it and stops it again. */
    private static <T> T served(TlsSettings tls, ListenerCall<T> call) throws Exception {
        HttpListener listener = listener(tls);
        listener.start();
        try {
            return call.call(listener.uri());
        } finally {
            listener.stop();
        }
    }

    /** Sends GET / to a listener with {@code tls}, from a client that trusts {@code trusted} and offers {@code protocols}. */
    private static HttpResponse<String> getOverTls(TlsSettings tls, TestCertificates.Issued trusted,
            String... protocols) throws Exception {
        HttpClient client = TestCertificates.clientTrusting(trusted.certificate(), protocols);
        return served(tls, uri -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private TlsSettings rsaPem() throws Exception {
        return TlsSettings.fromPem(
                TestCertificates.writeChain(folder.resolve("listener.pem"), rsaListener.certificate()),
                TestCertificates.writePkcs8(folder.resolve("listener.key"), rsaListener.privateKey()));
    }

    private TlsSettings rsaPkcs12() throws Exception {
        return TlsSettings.fromPkcs12(
                TestCertificates.writePkcs12(folder.resolve("listener.p12"), rsaListener, "store-secret"),
                Files.writeString(folder.resolve("listener.password"), "store-secret\n"));
    }

    @Test
    void pemListenerServesHttps() throws Exception {
        HttpResponse<String> response = getOverTls(rsaPem(), rsaListener);

        assertEquals(200, response.statusCode());
        assertEquals("hello over TLS", response.body());
        assertEquals("https", response.uri().getScheme());
    }

    @Test
    void pkcs1KeyServesHttps() throws Exception {
        TlsSettings tls = TlsSettings.fromPem(
                TestCertificates.writeChain(folder.resolve("listener.pem"), rsaListener.certificate()),
                TestCertificates.writeTraditional(folder.resolve("listener.key"), rsaListener.privateKey()));

        assertEquals(200, getOverTls(tls, rsaListener).statusCode());
    }

    @Test
    void sec1EcKeyServesHttps() throws Exception {
        TestCertificates.Issued ecListener = TestCertificates.selfSigned(TestCertificates.ecKeys());
        TlsSettings tls = TlsSettings.fromPem(
                TestCertificates.writeChain(folder.resolve("listener.pem"), ecListener.certificate()),
                TestCertificates.writeTraditional(folder.resolve("listener.key"), ecListener.privateKey()));

        assertEquals(200, getOverTls(tls, ecListener).statusCode());
    }

    @Test
    void ed25519KeyServesHttps() throws Exception {
        TestCertificates.Issued edListener = TestCertificates.selfSigned(TestCertificates.ed25519Keys());
        TlsSettings tls = TlsSettings.fromPem(
                TestCertificates.writeChain(folder.resolve("listener.pem"), edListener.certificate()),
                TestCertificates.writePkcs8(folder.resolve("listener.key"), edListener.privateKey()));

        assertEquals(200, getOverTls(tls, edListener).statusCode());
    }

    @Test
    void chainSignedByAuthorityServesHttps() throws Exception {
        TestCertificates.Issued authority = TestCertificates.authority();
        TestCertificates.Issued issued = TestCertificates.issuedBy(authority);
        TlsSettings tls = TlsSettings.fromPem(
                TestCertificates.writeChain(folder.resolve("chain.pem"), issued.certificate(), authority.certificate()),
                TestCertificates.writePkcs8(folder.resolve("listener.key"), issued.privateKey()));

        assertEquals(200, getOverTls(tls, authority).statusCode());
    }

    @Test
    void pkcs12ListenerServesHttps() throws Exception {
        HttpResponse<String> response = getOverTls(rsaPkcs12(), rsaListener);

        assertEquals(200, response.statusCode());
        assertEquals("hello over TLS", response.body());
    }

    @Test
    void listenerNegotiatesTls12WhenClientOffersNoMore() throws Exception {
        HttpResponse<String> response = getOverTls(rsaPkcs12(), rsaListener, "TLSv1.2");

        assertEquals("TLSv1.2", response.sslSession().orElseThrow().getProtocol());
    }

    @Test
    void plainHttpClientFailsOnTlsPort() throws Exception {
        TlsSettings tls = rsaPem();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        assertThrows(IOException.class, () -> served(tls, uri -> client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uri.getPort() + "/"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString())));
    }

    @Test
    void clientWithoutTrustIsRejected() throws Exception {
        TlsSettings tls = rsaPem();
        TestCertificates.Issued stranger = TestCertificates.selfSigned(TestCertificates.rsaKeys());

        assertThrows(SSLHandshakeException.class, () -> getOverTls(tls, stranger));
    }

    @Test
    void serviceServesBothApisOverTls(SoftHsm hsm) throws Exception {
        Path chain = TestCertificates.writeChain(folder.resolve("listener.pem"), rsaListener.certificate());
        Path key = TestCertificates.writePkcs8(folder.resolve("listener.key"), rsaListener.privateKey());
        ServiceConfiguration configuration = TestHsm.configuration(hsm, folder.resolve("data"))
                .set("admin.tls.certificate-file", chain.toString())
                .set("admin.tls.private-key-file", key.toString())
                .set("device.tls.certificate-file", chain.toString())
                .set("device.tls.private-key-file", key.toString())
                .build();
        HttpClient client = TestCertificates.clientTrusting(rsaListener.certificate());
        ModelService.init(configuration, "acme", "Acme Corp");

        try (ModelService service = ModelService.create(configuration)) {
            service.start();
            HttpResponse<String> health = client.send(
                    HttpRequest.newBuilder(service.deviceUri().resolve("health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> status = client.send(
                    HttpRequest.newBuilder(service.adminUri().resolve("v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("https", service.deviceUri().getScheme());
            assertEquals("https", service.adminUri().getScheme());
            assertEquals(200, health.statusCode(), health.body());
            assertEquals(401, status.statusCode(), status.body());
            assertTrue(service.toString().contains("https://127.0.0.1:"), service.toString());
        }
    }
}

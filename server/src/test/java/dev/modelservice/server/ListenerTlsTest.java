package dev.modelservice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.server.http.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listeners' TLS keys and the plain HTTP rule, as the configuration reads them. */
class ListenerTlsTest {
    private static TestCertificates.Issued listener;

    @TempDir
    Path folder;

    @BeforeAll
    static void makeCertificate() throws Exception {
        listener = TestCertificates.selfSigned(TestCertificates.rsaKeys());
    }

    private static ServiceConfiguration.Builder deviceOn(String host) {
        return ServiceConfiguration.builder().deviceHost(host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.3.2.1", "::1", "localhost"})
    void loopbackHostServesPlainHttp(String host) {
        Optional<TlsSettings> tls = deviceOn(host).build().deviceTls();

        assertTrue(tls.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.8", "::", "serials.factory.example"})
    void otherHostIsNotLoopback(String host) {
        assertFalse(ListenerTls.isLoopback(host));
    }

    @Test
    void plainHttpOnAnyAddressIsRejected() {
        ServiceConfiguration configuration = deviceOn("0.0.0.0").build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::deviceTls);

        assertEquals("device.host", e.key());
        assertTrue(e.getMessage().startsWith("device.host is 0.0.0.0, which is not a loopback address, and the"
                + " device API has no TLS"), e.getMessage());
        assertTrue(e.getMessage().contains("or set device.allow-plain-http = true"), e.getMessage());
    }

    @Test
    void allowPlainHttpLetsAnyAddressServePlain() {
        ServiceConfiguration configuration = deviceOn("0.0.0.0").set("device.allow-plain-http", "true").build();

        assertTrue(configuration.deviceTls().isEmpty());
    }

    @Test
    void allowPlainHttpMustBeBoolean() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> deviceOn("0.0.0.0").set("device.allow-plain-http", "yes").build());

        assertEquals("device.allow-plain-http", e.key());
        assertTrue(e.getMessage().contains("\"yes\"; expected true or false"), e.getMessage());
    }

    @Test
    void filesAreReadOnlyForListeners() {
        ServiceConfiguration configuration = deviceOn("0.0.0.0")
                .set("device.tls.certificate-file", folder.resolve("absent.pem").toString())
                .set("device.tls.private-key-file", folder.resolve("absent.key").toString())
                .build();

        assertThrows(ConfigurationException.class, configuration::deviceTls);
    }

    @Test
    void pemFilesGiveTls() throws Exception {
        ServiceConfiguration configuration = deviceOn("0.0.0.0")
                .set("device.tls.certificate-file", chainFile().toString())
                .set("device.tls.private-key-file", TestCertificates.writePkcs8(folder.resolve("key.pem"),
                        listener.privateKey()).toString())
                .build();

        assertEquals(listener.certificate(), configuration.deviceTls().orElseThrow().certificate());
    }

    @Test
    void pkcs12KeystoreGivesTls() throws Exception {
        Path keystore = TestCertificates.writePkcs12(folder.resolve("listener.p12"), listener, "store-secret");
        Path password = Files.writeString(folder.resolve("listener.password"), "store-secret\n");
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.keystore-file", keystore.toString())
                .set("admin.tls.keystore-password-file", password.toString())
                .build();

        assertEquals(listener.certificate(), configuration.adminTls().orElseThrow().certificate());
    }

    @Test
    void pemAndPkcs12TogetherAreRejected() throws Exception {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", "listener.pem")
                .set("admin.tls.private-key-file", "listener.key")
                .set("admin.tls.keystore-file", "listener.p12")
                .set("admin.tls.keystore-password-file", "listener.password")
                .build());

        assertEquals("admin.tls.keystore-file", e.key());
        assertTrue(e.getMessage().startsWith("admin.tls.certificate-file and admin.tls.keystore-file are both set;"),
                e.getMessage());
    }

    @Test
    void certificateWithoutKeyIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", "listener.pem")
                .build());

        assertEquals("admin.tls.private-key-file", e.key());
        assertTrue(e.getMessage().contains("is empty but admin.tls.certificate-file is set"), e.getMessage());
    }

    @Test
    void keystoreWithoutPasswordFileIsRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServiceConfiguration.builder()
                .set("device.tls.keystore-file", "listener.p12")
                .build());

        assertEquals("device.tls.keystore-password-file", e.key());
    }

    @Test
    void missingCertificateFileNamesKeyAndFile() throws Exception {
        Path absent = folder.resolve("absent.pem");
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", absent.toString())
                .set("admin.tls.private-key-file", keyFile().toString())
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertEquals("admin.tls.certificate-file", e.key());
        assertTrue(e.getMessage().startsWith("admin.tls.certificate-file: cannot read " + absent), e.getMessage());
    }

    @Test
    void keyFileWithCertificateOnlyIsRejected() throws Exception {
        Path certificateAsKey = TestCertificates.writeChain(folder.resolve("listener.key"), listener.certificate());
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", chainFile().toString())
                .set("admin.tls.private-key-file", certificateAsKey.toString())
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertEquals("admin.tls.private-key-file", e.key());
        assertTrue(e.getMessage().contains("contains a CERTIFICATE block; expected one PEM private key"),
                e.getMessage());
    }

    @Test
    void textThatIsNoCertificateIsRejected() throws Exception {
        Path notPem = Files.writeString(folder.resolve("listener.pem"), "not a certificate\n");
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", notPem.toString())
                .set("admin.tls.private-key-file", keyFile().toString())
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertEquals("admin.tls.certificate-file", e.key());
        assertTrue(e.getMessage().contains(notPem + " contains no PEM CERTIFICATE block"), e.getMessage());
    }

    @Test
    void keyOfAnotherCertificateIsRejected() throws Exception {
        Path otherKey = TestCertificates.writePkcs8(folder.resolve("other.key"),
                TestCertificates.rsaKeys().getPrivate());
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.certificate-file", chainFile().toString())
                .set("admin.tls.private-key-file", otherKey.toString())
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertEquals("admin.tls.private-key-file", e.key());
        assertTrue(e.getMessage().contains("does not belong to the first certificate"), e.getMessage());
    }

    @Test
    void wrongKeystorePasswordNamesKeystore() throws Exception {
        Path keystore = TestCertificates.writePkcs12(folder.resolve("listener.p12"), listener, "store-secret");
        Path password = Files.writeString(folder.resolve("listener.password"), "wrong-secret\n");
        ServiceConfiguration configuration = ServiceConfiguration.builder()
                .set("admin.tls.keystore-file", keystore.toString())
                .set("admin.tls.keystore-password-file", password.toString())
                .build();

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertEquals("admin.tls.keystore-file", e.key());
        assertTrue(e.getMessage().contains("cannot open " + keystore + " as a PKCS#12 keystore with the password in "
                + password), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @Test
    void fileErrorNamesConfigurationFile() throws Exception {
        Path file = Files.writeString(folder.resolve("model-service.conf"), String.join("\n",
                "admin.tls.certificate-file = absent.pem",
                "admin.tls.private-key-file = " + keyFile(),
                ""));
        ServiceConfiguration configuration = ServiceConfiguration.load(file, Map.of());

        ConfigurationException e = assertThrows(ConfigurationException.class, configuration::adminTls);

        assertTrue(e.getMessage().startsWith("In " + file + ": admin.tls.certificate-file: cannot read "
                + folder.resolve("absent.pem")), e.getMessage());
    }

    private Path chainFile() throws Exception {
        return TestCertificates.writeChain(folder.resolve("listener.pem"), listener.certificate());
    }

    private Path keyFile() throws Exception {
        return TestCertificates.writePkcs8(folder.resolve("listener.key"), listener.privateKey());
    }
}

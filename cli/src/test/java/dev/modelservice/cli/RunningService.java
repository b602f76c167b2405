package dev.modelservice.cli;

import dev.modelservice.server.InitResult;
import dev.modelservice.server.ModelService;
import dev.modelservice.server.ServiceConfiguration;
import dev.modelservice.signer.softhsm.test.ExternalPrograms;
import dev.modelservice.signer.softhsm.test.SoftHsm;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a fresh Model Service: a new SoftHSMv2 token behind a p11-kit server,
 * an HSQLDB file database initialised for brand {@value #BRAND}, and the admin and device
 * listeners on free loopback ports. Tests receive it as a {@link Service} parameter. The service
 * and the token stop after the class. Registered through {@link #overTls()}, both listeners
 * serve HTTPS with a certificate that a test CA signed.
 *
 * <p>When softhsm2, p11-kit or gnutls-bin is missing, the tests are skipped on a developer
 * machine and fail when the environment variable CI is {@code true}.
 */
final class RunningService implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    static final String BRAND = "acme";
    static final String TOKEN_LABEL = "model-admin-test";
    static final String USER_PIN = "3141-user";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningService.class);

    /**
     * The started service, its admin URL, the file with its first admin token, and the PEM file
     * of the CA that signed the listeners' certificate (null for plain HTTP).
     */
    record Service(ModelService service, URI adminUri, Path adminTokenFile, String adminToken, Path caFile) {
    }

    private final boolean tls;

    /** Registers a service on plain HTTP, with {@code @ExtendWith(RunningService.class)}. */
    RunningService() {
        this(false);
    }

    private RunningService(boolean tls) {
        this.tls = tls;
    }

    /** Returns an extension whose service serves both APIs over TLS, for {@code @RegisterExtension}. */
    static RunningService overTls() {
        return new RunningService(true);
    }

    private record Started(SoftHsm hsm, Path folder, ModelService service) {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        requireExternalPrograms();
        Path folder = Files.createTempDirectory("model-admin-test-");
        ServiceConfiguration.Builder builder = ServiceConfiguration.builder()
                .dataDir(folder.resolve("data"))
                .adminHost("127.0.0.1")
                .adminPort(0)
                .set(ServiceConfiguration.DEVICE_HOST, "127.0.0.1")
                .set(ServiceConfiguration.DEVICE_PORT, "0");
        // Before the token starts, so that a failure here leaves no p11-kit server behind.
        Path caFile = tls ? TestCertificates.configureListeners(builder, Files.createDirectories(folder.resolve("tls")))
                : null;
        SoftHsm hsm = SoftHsm.start(Files.createDirectories(folder.resolve("hsm")), TOKEN_LABEL, USER_PIN);
        ServiceConfiguration configuration = builder.signerSettings(hsm.signerSettings()).build();

        InitResult init = ModelService.init(configuration, BRAND, "Acme Corp");
        ModelService service = ModelService.create(configuration);
        context.getStore(NAMESPACE).put(Started.class, new Started(hsm, folder, service));
        service.start();
        context.getStore(NAMESPACE).put(Service.class, new Service(service, service.adminUri(),
                init.adminTokenFile(), Files.readString(init.adminTokenFile()).strip(), caFile));
    }

    private static void requireExternalPrograms() {
        List<String> missing = ExternalPrograms.missing();
        if (!missing.isEmpty()) {
            String message = "These tests need " + String.join(", ", missing) + "; install them with apt-get";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Started started = context.getStore(NAMESPACE).remove(Started.class, Started.class);
        if (started != null) {
            started.service().close();
            started.hsm().stop();
            deleteRecursively(started.folder());
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Service.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Service service = context.getStore(NAMESPACE).get(Service.class, Service.class);
        if (service == null) {
            throw new IllegalStateException("no running service: register RunningService on the test class");
        }
        return service;
    }
}

package dev.modelservice.server;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Model Service for the test JVM, on the test token and an HSQLDB file database,
 * initialised for brand {@value #BRAND}; tests receive an {@link AdminClient} with the
 * first admin token, or the service itself. Tests share it, so each uses names of its own.
 */
final class RunningService implements ParameterResolver {
    static final String BRAND = "acme";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningService.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AdminClient.class || type == ModelService.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, type -> Started.start(TestHsm.get(context)), Started.class);
        return parameter.getParameter().getType() == ModelService.class ? started.service() : started.client();
    }

    private record Started(ModelService service, AdminClient client, Path dataDir) implements AutoCloseable {
        static Started start(SoftHsm hsm) {
            try {
                Path dataDir = Files.createTempDirectory("model-service-");
                ServiceConfiguration configuration = TestHsm.configuration(hsm, dataDir).build();
                InitResult init = ModelService.init(configuration, BRAND, "Acme Corp");
                ModelService service = ModelService.create(configuration);
                service.start();
                String token = Files.readString(init.adminTokenFile()).strip();
                return new Started(service, new AdminClient(service.adminUri(), token), dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            service.close();
            TestHsm.deleteRecursively(dataDir);
        }
    }
}

package dev.modelservice.signer.softhsm.test;

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
 * Gives each test class a fresh SoftHSMv2 token labelled {@value #TOKEN_LABEL} (user PIN
 * {@value #USER_PIN}) behind a running p11-kit server, as a {@link SoftHsm} parameter, and
 * removes both afterwards.
 *
 * <p>When softhsm2, p11-kit or gnutls-bin is missing, the tests are skipped on a developer
 * machine and fail when the environment variable CI is {@code true}.
 */
final class SoftHsmExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    static final String TOKEN_LABEL = "model-service-test";
    static final String USER_PIN = "4711-user";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SoftHsmExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        List<String> missing = ExternalPrograms.missing();
        if (!missing.isEmpty()) {
            String message = "SoftHSM tests need " + String.join(", ", missing) + "; install them with apt-get";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }

        Path folder = Files.createTempDirectory("softhsm-");
        SoftHsm hsm = SoftHsm.start(folder, TOKEN_LABEL, USER_PIN);
        context.getStore(NAMESPACE).put(SoftHsm.class, hsm);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        SoftHsm hsm = context.getStore(NAMESPACE).remove(SoftHsm.class, SoftHsm.class);
        if (hsm != null) {
            hsm.stop();
            deleteRecursively(hsm.folder());
        }
    }

    private static void deleteRecursively(Path folder) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SoftHsm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        SoftHsm hsm = extensionContext.getStore(NAMESPACE).get(SoftHsm.class, SoftHsm.class);
        if (hsm == null) {
            throw new IllegalStateException("no SoftHSM token: SoftHsmExtension must be registered on the test class");
        }
        return hsm;
    }
}

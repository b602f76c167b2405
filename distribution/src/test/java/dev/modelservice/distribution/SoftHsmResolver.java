package dev.modelservice.distribution;

import dev.modelservice.signer.softhsm.test.ExternalPrograms;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one SoftHSMv2 token behind a p11-kit server for the whole test JVM, because
 * {@code P11_KIT_SERVER_ADDRESS} fixes the server's socket for the JVM. The token stops when
 * the JVM's tests are done.
 *
 * <p>When softhsm2, p11-kit or gnutls-bin is missing, tests are skipped on a developer
 * machine and fail when the environment variable CI is {@code true}.
 */
final class SoftHsmResolver implements ParameterResolver {
    static final String TOKEN_LABEL = "model-service-release-test";
    private static final String USER_PIN = "1414-user";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SoftHsmResolver.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SoftHsm.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String missing = String.join(", ", ExternalPrograms.missing());
        if (!missing.isEmpty()) {
            String message = "These tests need " + missing + "; install them with apt-get";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, type -> Running.start(), Running.class).hsm();
    }

    /** The started token, stopped when the root context closes. */
    private record Running(SoftHsm hsm) implements AutoCloseable {
        static Running start() {
            try {
                return new Running(SoftHsm.start(Files.createTempDirectory("release-softhsm-"), TOKEN_LABEL, USER_PIN));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting SoftHSM", e);
            }
        }

        @Override
        public void close() throws Exception {
            hsm.stop();
            UnpackedRelease.deleteRecursively(hsm.folder());
        }
    }
}

package dev.modelservice.server;

import dev.modelservice.signer.softhsm.test.ExternalPrograms;
import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One SoftHSMv2 token behind a p11-kit server for the whole test JVM, since the server's
 * socket is fixed by {@code P11_KIT_SERVER_ADDRESS} for the JVM. It stops when the JVM's
 * tests are done.
 *
 * <p>When softhsm2, p11-kit or gnutls-bin is missing, tests are skipped on a developer
 * machine and fail when the environment variable CI is {@code true}.
 */
final class TestHsm {
    static final String TOKEN_LABEL = "model-service-server-test";
    static final String USER_PIN = "2718-user";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestHsm.class);

    private TestHsm() {
    }

    /** Returns the JVM's token, starting it on first use. */
    static SoftHsm get(ExtensionContext context) {
        List<String> missing = ExternalPrograms.missing();
        if (!missing.isEmpty()) {
            String message = "These tests need " + String.join(", ", missing) + "; install them with apt-get";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, type -> Running.start(), Running.class).hsm();
    }

    /** Settings of the signer that reach the token, as a service configuration's signer keys. */
    static ServiceConfiguration.Builder configuration(SoftHsm hsm, Path dataDir) {
        return ServiceConfiguration.builder()
                .dataDir(dataDir)
                .adminHost("127.0.0.1")
                .adminPort(0)
                .deviceHost("127.0.0.1")
                .devicePort(0)
                .signerSettings(hsm.signerSettings());
    }

    static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The started token, stopped and deleted when the root context closes. */
    private record Running(SoftHsm hsm) implements AutoCloseable {
        static Running start() {
            try {
                return new Running(SoftHsm.start(Files.createTempDirectory("server-softhsm-"), TOKEN_LABEL, USER_PIN));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting SoftHSM", e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            hsm.stop();
            deleteRecursively(hsm.folder());
        }
    }
}

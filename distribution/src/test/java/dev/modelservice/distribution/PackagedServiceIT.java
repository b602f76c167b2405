package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service and model-admin run from the unpacked tarball as an operator runs them: the
 * shipped configuration file, found without {@code --config}, with the installation's keys
 * added, and the p11-kit server address exported by the launcher.
 */
@ExtendWith(SoftHsmResolver.class)
class PackagedServiceIT {
    private static final Pattern HSM_RESPONDS = Pattern.compile("(?m)^HSM:\\s+pkcs11, .*: responds$");

    @TempDir
    Path folder;

    @Test
    void releaseServesHealthAndStatus(SoftHsm hsm) throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        UnpackedRelease.Ports ports = UnpackedRelease.Ports.free();
        Path dataDir = release.work().resolve("data");
        release.appendToShippedConfiguration(UnpackedRelease.configuration(dataDir, ports, hsm, "pkcs11"));

        UnpackedRelease.Run init = release.launch("model-service",
                List.of("init", "--brand-account-id", "acme", "--display-name", "Acme Corp"), Map.of());
        assertEquals(0, init.exitStatus(), init.out() + init.err());
        String token = Files.readString(dataDir.resolve("admin-token")).strip();

        try (ServiceProcess service = release.startService(List.of(), Map.of())) {
            int health = Http.getStatus(URI.create("http://127.0.0.1:" + ports.device() + "/health"));
            UnpackedRelease.Run login = release.launch("model-admin", List.of("login", service.adminUri().toString()),
                    Map.of("MODEL_ADMIN_TOKEN", token));
            UnpackedRelease.Run status = release.launch("model-admin", List.of("status"), Map.of());

            assertEquals(200, health, service.log());
            assertEquals(0, login.exitStatus(), login.out() + login.err());
            assertEquals(0, status.exitStatus(), status.out() + status.err());
            assertTrue(status.out().contains("acme (Acme Corp)"), status.out());
            assertTrue(HSM_RESPONDS.matcher(status.out()).find(), status.out());
        }
    }
}

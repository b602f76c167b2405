package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vendor's signer plugin jar dropped into the release's {@code plugins/} folder: the
 * service loads it into a module layer of its own and selects its provider by name.
 */
@ExtendWith(SoftHsmResolver.class)
class PluginFolderIT {
    private static final Pattern PLUGIN_RESPONDS =
            Pattern.compile("(?m)^HSM:\\s+" + PluginJar.PROVIDER_NAME + ", .*: responds$");

    @TempDir
    Path folder;

    @Test
    void pluginProviderIsSelectedByName(SoftHsm hsm) throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path plugins = release.home().resolve("plugins");
        PluginJar.build(release.home().resolve("lib"), release.work(), plugins.resolve("example-vendor-signer.jar"));

        UnpackedRelease.Ports ports = UnpackedRelease.Ports.free();
        Path dataDir = release.work().resolve("data");
        Path config = Files.writeString(release.work().resolve("model-service.conf"),
                "plugins-dir = " + plugins + "\n"
                        + UnpackedRelease.configuration(dataDir, ports, hsm, PluginJar.PROVIDER_NAME));
        // The launcher exports only signer.pkcs11.server-address, so the plugin's socket comes
        // from the environment, as an operator of another provider would set it.
        Map<String, String> environment = Map.of(SoftHsm.SERVER_ADDRESS_VARIABLE,
                hsm.signerSettings().get("server-address"));

        UnpackedRelease.Run init = release.launch("model-service",
                List.of("init", "--config", config.toString(), "--brand-account-id", "acme"), environment);
        assertEquals(0, init.exitStatus(), init.out() + init.err());
        String token = Files.readString(dataDir.resolve("admin-token")).strip();

        try (ServiceProcess service = release.startService(List.of("--config=" + config), environment)) {
            UnpackedRelease.Run login = release.launch("model-admin", List.of("login", service.adminUri().toString()),
                    Map.of("MODEL_ADMIN_TOKEN", token));
            UnpackedRelease.Run status = release.launch("model-admin", List.of("status"), Map.of());

            assertEquals(0, login.exitStatus(), login.out() + login.err());
            assertTrue(PLUGIN_RESPONDS.matcher(status.out()).find(), status.out() + status.err());
            assertTrue(service.log().contains("Loaded signer plugins from " + plugins + ": 1 jars in a module layer"),
                    service.log());
        }
    }
}

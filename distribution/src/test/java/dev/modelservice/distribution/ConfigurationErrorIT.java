package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configurations that {@code bin/model-service run} rejects before it starts anything. */
class ConfigurationErrorIT {
    @TempDir
    Path folder;

    @Test
    void unknownKeyStopsRun() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = Files.writeString(release.work().resolve("model-service.conf"),
                "data-dir = data\nadmin.prot = 8081\n");

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of());

        List<String> messages = Arrays.stream(run.err().split("\n"))
                .filter(line -> line.startsWith("model-service run: "))
                .toList();
        assertEquals(1, run.exitStatus(), run.err());
        assertEquals(1, messages.size(), run.err());
        assertTrue(messages.get(0).contains("Unknown configuration key admin.prot;"), run.err());
        assertFalse(run.err().contains("\tat "), "a stack trace hides the message:\n" + run.err());
    }

    @Test
    void escapedServerAddressStopsLauncher() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = Files.writeString(release.work().resolve("model-service.conf"),
                "signer.pkcs11.server-address = unix:path=/run/p11\\-kit.sock\n");

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of());

        assertEquals(2, run.exitStatus(), run.err());
        assertTrue(run.err().startsWith("model-service: signer.pkcs11.server-address in " + config
                + " contains a backslash"), run.err());
    }
}

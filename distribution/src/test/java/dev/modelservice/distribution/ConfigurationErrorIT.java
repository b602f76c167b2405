package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations that {@code bin/model-service run} rejects, each with one line on standard
 * error that names what is wrong and the fix, and exit status 1. Those about the HSM run
 * against the release test token behind a real p11-kit server.
 */
@ExtendWith(SoftHsmResolver.class)
class ConfigurationErrorIT {
    @TempDir
    Path folder;

    /** Returns the lines of standard error that start with "model-service run: ", the command's own report. */
    private static List<String> reports(UnpackedRelease.Run run) {
        return Arrays.stream(run.err().split("\n"))
                .filter(line -> line.startsWith("model-service run: "))
                .toList();
    }

    /** Writes a configuration for the release test token, with {@code extraLines} after its settings. */
    private static Path configuration(UnpackedRelease release, SoftHsm hsm, String extraLines) throws Exception {
        String lines = UnpackedRelease.configuration(release.work().resolve("data"), UnpackedRelease.Ports.free(),
                hsm, "pkcs11") + extraLines;
        return Files.writeString(release.work().resolve("model-service.conf"), lines);
    }

    @Test
    void unknownKeyStopsRun() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = Files.writeString(release.work().resolve("model-service.conf"),
                "data-dir = data\nadmin.prot = 8081\n");

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of());

        List<String> messages = reports(run);
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

    @Test
    void unknownVariableStopsRun() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = Files.writeString(release.work().resolve("model-service.conf"), "data-dir = data\n");

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of("MODEL_SERVICE_DEVICE_PROT", "8080"));

        List<String> messages = reports(run);
        assertEquals(1, run.exitStatus(), run.err());
        assertEquals(1, messages.size(), run.err());
        assertTrue(messages.get(0).contains("Unknown environment variable MODEL_SERVICE_DEVICE_PROT: it names no"
                + " configuration key; the nearest valid variables are MODEL_SERVICE_DEVICE_PORT (device.port)"),
                run.err());
    }

    @Test
    void plainHttpOnEveryInterfaceStopsRun() throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = Files.writeString(release.work().resolve("model-service.conf"),
                "data-dir = data\ndevice.host = 0.0.0.0\n");

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of());

        List<String> messages = reports(run);
        assertEquals(1, run.exitStatus(), run.err());
        assertEquals(1, messages.size(), run.err());
        assertTrue(messages.get(0).contains("In " + config + ": device.host is 0.0.0.0, which is not a loopback"
                + " address, and the device API has no TLS"), run.err());
        assertTrue(messages.get(0).contains("or set device.allow-plain-http = true"), run.err());
    }

    @Test
    void wrongPinStopsRun(SoftHsm hsm) throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path wrongPin = Files.writeString(release.work().resolve("wrong.pin"), "0000-not-the-pin\n");
        Path config = configuration(release, hsm, "");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^signer\\.pkcs11\\.pin-file = .*$",
                "signer.pkcs11.pin-file = " + wrongPin));
        init(release, config);

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of());

        List<String> messages = reports(run);
        assertEquals(1, run.exitStatus(), run.err());
        assertEquals(1, messages.size(), run.err());
        assertTrue(messages.get(0).startsWith("model-service run: the signer failed: C_Login to token "
                + SoftHsmResolver.TOKEN_LABEL + " failed with CKR_PIN_INCORRECT: the user PIN from pin-file or"
                + " pin-env is wrong"), run.err());
        assertTrue(messages.get(0).contains("Correct it and restart"), run.err());
        assertTrue(messages.get(0).endsWith("(the signer's settings are the signer.pkcs11.* keys of " + config + ")"),
                run.err());
        assertFalse(run.err().contains("0000-not-the-pin"), "the PIN is in the output:\n" + run.err());
        assertFalse(run.err().contains("\tat "), "a stack trace hides the message:\n" + run.err());
    }

    @Test
    void missingTokenStopsRun(SoftHsm hsm) throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        Path config = configuration(release, hsm, "");
        init(release, config);

        UnpackedRelease.Run run = release.launch("model-service", List.of("run", "--config", config.toString()),
                Map.of("MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL", "no-such-token"));

        List<String> messages = reports(run);
        assertEquals(1, run.exitStatus(), run.err());
        assertEquals(1, messages.size(), run.err());
        assertTrue(messages.get(0).startsWith("model-service run: the signer failed: No token is labelled"
                + " \"no-such-token\"; tokens found: " + SoftHsmResolver.TOKEN_LABEL + ". Correct token-label"),
                run.err());
        assertTrue(messages.get(0).endsWith("with signer.pkcs11.token-label from environment variable"
                + " MODEL_SERVICE_SIGNER_PKCS11_TOKEN_LABEL)"), run.err());
        assertFalse(run.err().contains("\tat "), "a stack trace hides the message:\n" + run.err());
    }

    /** Runs init, which needs no HSM, so that run gets as far as the signer. */
    private static void init(UnpackedRelease release, Path config) throws Exception {
        UnpackedRelease.Run init = release.launch("model-service",
                List.of("init", "--config", config.toString(), "--brand-account-id", "acme"), Map.of());
        assertEquals(0, init.exitStatus(), init.err());
    }
}

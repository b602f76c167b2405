package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.softhsm.test.SoftHsm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
    /** GnuTLS's certtool, from gnutls-bin, which the SoftHSM tests need already. */
    private static final Path CERTTOOL = Path.of("/usr/bin/certtool");

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
            assertTrue(Pattern.compile("Model Service \\S+ started in \\d+ ms: device API http://127\\.0\\.0\\.1:"
                    + ports.device() + "/, admin API http://127\\.0\\.0\\.1:" + ports.admin() + "/, database embedded"
                    + " HSQLDB in " + Pattern.quote(dataDir.resolve("db").toString()) + ", signer pkcs11 token "
                    + SoftHsmResolver.TOKEN_LABEL + " with 2 connections, 0 active serial policies with 0 signing"
                    + " key\\(s\\) checked").matcher(service.log()).find(), service.log());
        }
    }

    @Test
    void releaseServesHttpsWithCerttoolFiles(SoftHsm hsm) throws Exception {
        UnpackedRelease release = UnpackedRelease.unpack(folder);
        UnpackedRelease.Ports ports = UnpackedRelease.Ports.free();
        Path dataDir = release.work().resolve("data");
        Path certificate = release.work().resolve("listener.pem");
        Path key = release.work().resolve("listener.key");
        selfSignedCertificate(release.work(), certificate, key);
        StringBuilder tls = new StringBuilder();
        for (String listener : List.of("admin", "device")) {
            tls.append(listener).append(".tls.certificate-file = ").append(certificate).append('\n')
                    .append(listener).append(".tls.private-key-file = ").append(key).append('\n');
        }
        release.appendToShippedConfiguration(UnpackedRelease.configuration(dataDir, ports, hsm, "pkcs11") + tls);
        UnpackedRelease.Run init = release.launch("model-service", List.of("init", "--brand-account-id", "acme"),
                Map.of());
        assertEquals(0, init.exitStatus(), init.out() + init.err());
        String token = Files.readString(dataDir.resolve("admin-token")).strip();

        try (ServiceProcess service = release.startService(List.of(), Map.of())) {
            UnpackedRelease.Run login = release.launch("model-admin", List.of("login", "--ca-file",
                    certificate.toString(), service.adminUri().toString()), Map.of("MODEL_ADMIN_TOKEN", token));
            UnpackedRelease.Run status = release.launch("model-admin", List.of("status"), Map.of());

            assertEquals(URI.create("https://127.0.0.1:" + ports.admin() + "/"), service.adminUri());
            assertEquals(0, login.exitStatus(), login.out() + login.err());
            assertEquals(0, status.exitStatus(), status.out() + status.err());
            assertTrue(service.log().contains("device API https://127.0.0.1:" + ports.device() + "/"), service.log());
        }
    }

    /**
     * Writes an RSA key as certtool does (key details, then an RSA PRIVATE KEY block) and a
     * self-signed certificate for 127.0.0.1 with it, as an operator might make them.
     */
    private static void selfSignedCertificate(Path folder, Path certificate, Path key) throws Exception {
        Path template = Files.writeString(folder.resolve("listener.template"), String.join("\n",
                "cn = \"model-service release test\"", "ip_address = \"127.0.0.1\"", "expiration_days = 1",
                "tls_www_server", "signing_key", "encryption_key", ""));
        run(List.of(CERTTOOL.toString(), "--generate-privkey", "--key-type", "rsa", "--sec-param", "medium",
                "--outfile", key.toString()));
        run(List.of(CERTTOOL.toString(), "--generate-self-signed", "--load-privkey", key.toString(),
                "--template", template.toString(), "--outfile", certificate.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(UnpackedRelease.PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within " + UnpackedRelease.PROCESS_LIMIT_SECONDS + " s");
        }
        assertEquals(0, process.exitValue(), command + ":\n" + output);
    }
}

package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** login, admin commands and test-device against a service whose listeners serve HTTPS with a private CA's certificate. */
class TlsCommandsTest {
    @RegisterExtension
    static final RunningService SERVICE = RunningService.overTls();

    @TempDir
    Path folder;

    private AdminCli cli;

    @BeforeEach
    void setUp() {
        cli = new AdminCli(folder.resolve("config"));
    }

    @Test
    void loginWithCaFileSucceeds(RunningService.Service service) throws Exception {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", "--ca-file", service.caFile().toString(), service.adminUri().toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(service.adminUri().toString().startsWith("https://127.0.0.1:"), service.adminUri().toString());
        assertTrue(Files.readString(cli.configFile()).contains("\"ca-file\" : \"" + service.caFile() + "\""),
                Files.readString(cli.configFile()));
    }

    @Test
    void laterCommandTrustsSavedCaFile(RunningService.Service service) {
        cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", "--ca-file", service.caFile().toString(), service.adminUri().toString());

        AdminCli.Outcome outcome = cli.unset("MODEL_ADMIN_TOKEN").run("status");

        assertEquals(0, outcome.exitStatus(), outcome.all());
    }

    @Test
    void caFileVariableIsTrusted(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .set("MODEL_ADMIN_CA_FILE", service.caFile().toString())
                .run("login", service.adminUri().toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
    }

    @Test
    void loginWithoutCaFileNamesTheOption(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", service.adminUri().toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("the TLS handshake with " + service.adminUri().getAuthority() + " failed"),
                outcome.err());
        assertTrue(outcome.err().contains("give that CA's certificate with --ca-file FILE or MODEL_ADMIN_CA_FILE"),
                outcome.err());
    }

    @Test
    void missingCaFileIsNamed(RunningService.Service service) {
        Path absent = folder.resolve("absent-ca.pem");

        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", "--ca-file", absent.toString(), service.adminUri().toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().startsWith("model-admin: CA file " + absent + " does not exist"), outcome.err());
    }

    @Test
    void plainHttpUrlOfTlsPortSuggestsHttps(RunningService.Service service) {
        String plain = "http://" + service.adminUri().getAuthority() + "/";

        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", plain);

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("use an https:// URL"), outcome.err());
    }

    @Test
    void testDeviceRegistersOverTls(RunningService.Service service) {
        require(cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", "--ca-file", service.caFile().toString(), service.adminUri().toString()));
        require(cli.set("BRAND_ACCOUNT_ID", RunningService.BRAND).run("create", "key", "tls-signing", "--bits", "2048"));
        require(cli.run("create", "model", "tls-model", "--api-key", "tls-model-key"));
        require(cli.run("create", "serial-policy", "--model", "tls-model", "--key", "tls-signing"));

        AdminCli.Outcome outcome = cli.run("test-device", "--url", service.service().deviceUri().toString(),
                "--ca-file", service.caFile().toString(), "--api-key", "tls-model-key", "--brand",
                RunningService.BRAND, "--model", "tls-model", "--serial", "TLS-1", "--key-bits", "2048");

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().startsWith("Registered serial TLS-1 of model tls-model"), outcome.err());
    }

    private static AdminCli.Outcome require(AdminCli.Outcome outcome) {
        if (outcome.exitStatus() != 0) {
            throw new AssertionError("model-admin failed: " + outcome.all());
        }
        return outcome;
    }
}

package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** login, logout and status against a running Model Service. */
@ExtendWith(RunningService.class)
class LoginAndStatusTest {
    @TempDir
    Path configHome;

    private AdminCli cli;

    @BeforeEach
    void setUp() {
        cli = new AdminCli(configHome);
    }

    @Test
    void loginWithTokenVariableSucceeds(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .run("login", service.adminUri().toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().startsWith("Logged in to the Model Service"), outcome.out());
    }

    @Test
    void loginWithTokenFileSucceeds(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.run("login", "--token-file", service.adminTokenFile().toString(),
                service.adminUri().toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
    }

    @Test
    void loginSavesOwnerOnlyFile(RunningService.Service service) throws Exception {
        cli.set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", service.adminUri().toString());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())));
        assertTrue(Files.readString(cli.configFile()).contains(service.adminToken()), "token saved");
    }

    @Test
    void loginWithWrongTokenSavesNothing(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", "wrong-token").run("login", service.adminUri().toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("nothing was saved"), outcome.err());
        assertFalse(Files.exists(cli.configFile()), "config file written");
    }

    @Test
    void loginWithUnservedBrandIsRejected(RunningService.Service service) {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", service.adminToken())
                .set("BRAND_ACCOUNT_ID", "globex")
                .run("login", service.adminUri().toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("'globex'"), outcome.err());
    }

    @Test
    void servedBrandVariableIsSaved(RunningService.Service service) throws Exception {
        cli.loggedIn(service);

        cli.set("BRAND_ACCOUNT_ID", "acme").run("list", "keys");

        assertTrue(Files.readString(cli.configFile()).contains("\"brand-account-id\" : \"acme\""),
                Files.readString(cli.configFile()));
    }

    @Test
    void savedBrandIsAnnouncedOnce(RunningService.Service service) {
        cli.loggedIn(service);
        cli.set("BRAND_ACCOUNT_ID", "acme");

        String first = cli.run("list", "keys").err();
        String second = cli.run("list", "keys").err();

        assertTrue(first.contains("Brand account 'acme'"), first);
        assertFalse(second.contains("Brand account 'acme'"), second);
    }

    @Test
    void unservedBrandVariableIsNotSaved(RunningService.Service service) throws Exception {
        cli.loggedIn(service);
        String saved = Files.readString(cli.configFile());

        AdminCli.Outcome outcome = cli.set("BRAND_ACCOUNT_ID", "initech").run("list", "models");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("brand account 'initech' from BRAND_ACCOUNT_ID is not served"), outcome.err());
        assertEquals(saved, Files.readString(cli.configFile()));
    }

    @Test
    void statusShowsBrandAndHsm(RunningService.Service service) {
        cli.set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", service.adminUri().toString());

        AdminCli.Outcome outcome = cli.run("status");

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().contains("acme (Acme Corp)"), outcome.out());
        assertTrue(outcome.out().contains(RunningService.TOKEN_LABEL), outcome.out());
        assertTrue(outcome.out().contains("responds"), outcome.out());
    }

    @Test
    void statusAsJsonIsServiceRecord(RunningService.Service service) throws Exception {
        cli.set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", service.adminUri().toString());

        AdminCli.Outcome outcome = cli.run("status", "--format", "json");

        assertEquals("acme", new com.fasterxml.jackson.databind.ObjectMapper().readTree(outcome.out())
                .path("brands").path(0).path("account-id").asText(), outcome.out());
    }

    @Test
    void logoutForgetsLogin(RunningService.Service service) {
        cli.set("MODEL_ADMIN_TOKEN", service.adminToken()).run("login", service.adminUri().toString());

        cli.run("logout");
        AdminCli.Outcome outcome = cli.run("status");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("not logged in"), outcome.err());
    }
}

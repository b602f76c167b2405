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

/** Admin tokens: issued, listed, used to log in, revoked; and the audit log that names them. */
@ExtendWith(RunningService.class)
class TokenCommandsTest {
    @TempDir
    Path folder;

    private AdminCli cli;
    private RunningService.Service service;

    @BeforeEach
    void logIn(RunningService.Service service) {
        this.service = service;
        cli = new AdminCli(folder.resolve("admin")).loggedIn(service);
    }

    @Test
    void newTokenLogsIn() {
        String token = cli.run("create", "token", "ci").out().strip();

        AdminCli.Outcome outcome = new AdminCli(folder.resolve("ci")).set("MODEL_ADMIN_TOKEN", token)
                .run("login", service.adminUri().toString());

        assertEquals(0, outcome.exitStatus(), outcome.all());
    }

    @Test
    void newTokenIsOnlyLineOnStdout() {
        AdminCli.Outcome outcome = cli.run("create", "token", "script");

        assertEquals(1, outcome.outLines().size(), outcome.all());
        assertTrue(outcome.err().contains("shown only this once"), outcome.err());
    }

    @Test
    void tokenWrittenToOwnerOnlyFile() throws Exception {
        Path output = folder.resolve("alice.token");

        cli.run("create", "token", "alice", "--output", output.toString());

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(output)));
        assertFalse(Files.readString(output).isBlank(), "token file is empty");
    }

    @Test
    void existingOutputFileCreatesNoToken() throws Exception {
        Path output = Files.writeString(folder.resolve("taken.token"), "keep me\n");

        AdminCli.Outcome outcome = cli.run("create", "token", "taken", "--output", output.toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertEquals("keep me\n", Files.readString(output));
        assertFalse(cli.run("list", "tokens").out().contains("taken"), "token created anyway");
    }

    @Test
    void failedIssueRemovesOutputFile() throws Exception {
        Path output = folder.resolve("invalid.token");

        AdminCli.Outcome outcome = cli.run("create", "token", "in valid", "--output", output.toString());

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertFalse(Files.exists(output), "empty token file left behind");
    }

    @Test
    void tokenListShowsNamesOnly() {
        String token = cli.run("create", "token", "listed").out().strip();

        AdminCli.Outcome outcome = cli.run("list", "tokens");

        assertEquals("-", outcome.tableRow("listed").get(2), outcome.out());
        assertFalse(outcome.out().contains(token), "token shown in the list");
    }

    @Test
    void revokedTokenCannotLogIn() {
        String token = cli.run("create", "token", "revoked").out().strip();

        AdminCli.Outcome revoke = cli.run("revoke", "token", "revoked");
        AdminCli.Outcome login = new AdminCli(folder.resolve("revoked")).set("MODEL_ADMIN_TOKEN", token)
                .run("login", service.adminUri().toString());

        assertEquals("Admin token 'revoked' revoked.\n", revoke.out(), revoke.all());
        assertEquals(1, login.exitStatus(), login.all());
    }

    @Test
    void revokedTokenShowsRevocationTime() {
        cli.run("create", "token", "dated");
        cli.run("revoke", "token", "dated");

        assertTrue(cli.run("list", "tokens").tableRow("dated").get(2).startsWith("20"), "revocation time");
    }

    @Test
    void auditLogNamesTokenOfChange() {
        cli.run("create", "token", "audited");

        AdminCli.Outcome outcome = cli.run("list", "audit-log", "--limit", "1");

        assertEquals("initial-admin", outcome.tableRows().get(0).get(2), outcome.out());
        assertEquals("audited", outcome.tableRows().get(0).get(4), outcome.out());
    }
}

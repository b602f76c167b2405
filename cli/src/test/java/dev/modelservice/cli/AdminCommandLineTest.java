package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.cli.admin.AdminContext;

import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The admin commands' usage and the failures they report before or without reaching a service. */
class AdminCommandLineTest {
    @TempDir
    Path configHome;

    private AdminCli cli;
    private String closedPortUrl;

    @BeforeEach
    void setUp() throws Exception {
        cli = new AdminCli(configHome);
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPortUrl = "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandHasHelp() {
        CommandLine root = ModelAdmin.commandLine(AdminContext.of(Map.of(), new StringReader(""), false));
        List<List<String>> paths = new ArrayList<>();
        collectPaths(root, new ArrayList<>(), paths);

        return paths.stream().map(path -> DynamicTest.dynamicTest(String.join(" ", "model-admin", String.join(" ", path)).strip(), () -> {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            AdminCli.Outcome outcome = cli.run(args.toArray(String[]::new));

            assertEquals(0, outcome.exitStatus(), outcome.all());
            assertTrue(outcome.out().startsWith("Usage: model-admin"), outcome.all());
        }));
    }

    private static void collectPaths(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, subcommand) -> {
            if (!name.equals("help")) {
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collectPaths(subcommand, longer, paths);
            }
        });
    }

    @Test
    void helpListsStoreAdminCommands() {
        String help = cli.run("--help").out();

        for (String command : List.of("login", "logout", "status", "create", "list", "delete", "revoke",
                "register-key", "push-account-keys")) {
            assertTrue(help.contains("  " + command + " "), command + " missing from:\n" + help);
        }
    }

    @Test
    void commandWithoutLoginSaysHowToLogIn() {
        AdminCli.Outcome outcome = cli.run("list", "keys");

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertEquals("model-admin: not logged in: run 'model-admin login URL' first, with the admin token in"
                + " MODEL_ADMIN_TOKEN or a file given with --token-file\n", outcome.err());
    }

    @Test
    void loginWithoutTokenNamesVariable() {
        AdminCli.Outcome outcome = cli.run("login", closedPortUrl);

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().contains("MODEL_ADMIN_TOKEN"), outcome.err());
    }

    @Test
    void loginWithEmptyTokenFileNamesFile() throws Exception {
        Path tokenFile = Files.writeString(configHome.resolve("token"), "\n");

        AdminCli.Outcome outcome = cli.run("login", "--token-file", tokenFile.toString(), closedPortUrl);

        assertTrue(outcome.err().contains(tokenFile + " is empty"), outcome.all());
    }

    @Test
    void loginToClosedPortIsOneLine() {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", "token").run("login", closedPortUrl);

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("cannot connect to " + closedPortUrl), outcome.err());
    }

    @Test
    void failedLoginSavesNothing() {
        cli.set("MODEL_ADMIN_TOKEN", "token").run("login", closedPortUrl);

        assertFalse(Files.exists(cli.configFile()));
    }

    @Test
    void loginToInvalidUrlNamesIt() {
        AdminCli.Outcome outcome = cli.set("MODEL_ADMIN_TOKEN", "token").run("login", "localhost:8081");

        assertTrue(outcome.err().startsWith("model-admin: invalid URL 'localhost:8081'"), outcome.err());
    }

    @Test
    void logoutWithoutLoginSucceeds() {
        AdminCli.Outcome outcome = cli.run("logout");

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().startsWith("Not logged in"), outcome.out());
    }

    @Test
    void logoutOfDamagedConfigRemovesIt() throws Exception {
        Files.createDirectories(cli.configFile().getParent());
        Files.writeString(cli.configFile(), "{damaged");

        cli.run("logout");

        assertFalse(Files.exists(cli.configFile()));
    }

    @Test
    void unknownFormatIsUsageError() {
        AdminCli.Outcome outcome = cli.run("list", "keys", "--format", "yaml");

        assertEquals(2, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().contains("'yaml'"), outcome.err());
    }

    @Test
    void usageErrorIsOneLine() {
        AdminCli.Outcome outcome = cli.run("create", "key");

        assertEquals(2, outcome.exitStatus(), "exit status");
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    @Test
    void groupWithoutSubcommandIsUsageError() {
        AdminCli.Outcome outcome = cli.run("create");

        assertEquals(2, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().contains("model-admin create key"), outcome.err());
    }

    @Test
    void invalidSinceNamesValueAndForm() {
        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--since", "yesterday");

        assertEquals(2, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().contains("'yesterday' is not a time"), outcome.err());
    }

    @Test
    void limitOutOfRangeIsRejected() {
        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--limit", "5000");

        assertTrue(outcome.err().contains("--limit 5000 is out of range"), outcome.all());
    }

    @Test
    void bitsOutOfRangeIsRejectedBeforeCalling() {
        AdminCli.Outcome outcome = cli.run("create", "key", "k", "--bits", "1024");

        assertTrue(outcome.err().contains("--bits 1024 is out of range"), outcome.all());
    }

    @Test
    void pushOfMissingFileNamesIt() throws Exception {
        writeLogin();
        Path missing = configHome.resolve("absent.assert");

        AdminCli.Outcome outcome = cli.run("push-account-keys", missing.toString());

        assertTrue(outcome.err().contains("cannot read " + missing), outcome.all());
    }

    // A login as 'model-admin login' saves it, for a service that is not running.
    private void writeLogin() throws Exception {
        Path folder = Files.createDirectories(cli.configFile().getParent());
        Files.writeString(folder.resolve("config.json"), "{\"url\": \"" + closedPortUrl + "\", \"token\": \"t\"}");
    }

    @Test
    void assertionCheckStillListed() {
        String help = cli.run("assertion", "--help").out();

        assertTrue(help.contains("check"), help);
    }

    @Test
    void versionIsPrinted() {
        AdminCli.Outcome outcome = cli.run("--version");

        assertTrue(outcome.out().startsWith("model-admin "), Arrays.toString(outcome.outLines().toArray()));
    }
}

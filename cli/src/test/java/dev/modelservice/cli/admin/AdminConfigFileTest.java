package dev.modelservice.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The saved login: where it lives, what it holds, and that only its owner may read it. */
class AdminConfigFileTest {
    private static final AdminConfig CONFIG =
            new AdminConfig(URI.create("http://127.0.0.1:8081/"), "secret-token", "acme", null);

    @TempDir
    Path home;

    private AdminConfigFile file() {
        return new AdminConfigFile(home.resolve(".config/model-admin"));
    }

    private static AdminConfigFile located(Map<String, String> environment) {
        return AdminContext.of(environment, new StringReader(""), false).configFile();
    }

    @Test
    void writtenConfigReadsBack() {
        file().write(CONFIG);

        assertEquals(Optional.of(CONFIG), file().read());
    }

    @Test
    void configWithoutBrandReadsBack() {
        AdminConfig withoutBrand = CONFIG.withBrandAccountId(null);
        file().write(withoutBrand);

        assertEquals(Optional.of(withoutBrand), file().read());
    }

    @Test
    void configWithCaFileReadsBack() {
        AdminConfig withCaFile = new AdminConfig(URI.create("https://admin.factory.example:8081/"), "secret-token",
                "acme", Path.of("/etc/model-admin/factory-ca.pem"));
        file().write(withCaFile);

        assertEquals(Optional.of(withCaFile), file().read());
    }

    @Test
    void fileIsOwnerReadWriteOnly() throws Exception {
        file().write(CONFIG);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().path())));
    }

    @Test
    void folderIsOwnerOnly() throws Exception {
        file().write(CONFIG);

        assertEquals("rwx------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file().path().getParent())));
    }

    @Test
    void widenedFolderIsTightenedOnWrite() throws Exception {
        Path folder = Files.createDirectories(home.resolve(".config/model-admin"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));

        file().write(CONFIG);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    }

    @Test
    void rewriteKeepsOwnerOnlyMode() throws Exception {
        file().write(CONFIG);
        Files.setPosixFilePermissions(file().path(), PosixFilePermissions.fromString("rw-r--r--"));

        file().write(CONFIG.withBrandAccountId("other"));

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().path())));
    }

    @Test
    void rewriteLeavesNoTemporaryFile() throws Exception {
        file().write(CONFIG);
        file().write(CONFIG.withBrandAccountId("other"));

        try (Stream<Path> files = Files.list(file().path().getParent())) {
            assertEquals(List.of("config.json"), files.map(path -> path.getFileName().toString()).toList());
        }
    }

    @Test
    void missingFileReadsEmpty() {
        assertEquals(Optional.empty(), file().read());
    }

    @Test
    void deleteRemovesFile() {
        file().write(CONFIG);

        assertTrue(file().delete(), "deleted");
        assertFalse(Files.exists(file().path()), "file still exists");
    }

    @Test
    void deleteOfMissingFileReportsNone() {
        assertFalse(file().delete());
    }

    @Test
    void brokenFileNamesItselfAndLogin() throws Exception {
        Files.createDirectories(file().path().getParent());
        Files.writeString(file().path(), "{not json");

        CommandFailedException e = assertThrows(CommandFailedException.class, () -> file().read());

        assertTrue(e.getMessage().contains(file().path().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("model-admin login"), e.getMessage());
    }

    @Test
    void fileWithoutTokenIsRejected() throws Exception {
        Files.createDirectories(file().path().getParent());
        Files.writeString(file().path(), "{\"url\": \"http://127.0.0.1:8081/\"}");

        assertThrows(CommandFailedException.class, () -> file().read());
    }

    @Test
    void xdgConfigHomeIsUsed() {
        AdminConfigFile located = located(Map.of("XDG_CONFIG_HOME", "/srv/config", "HOME", "/home/alice"));

        assertEquals(Path.of("/srv/config/model-admin/config.json"), located.path());
    }

    @Test
    void homeConfigIsDefault() {
        AdminConfigFile located = located(Map.of("HOME", "/home/alice"));

        assertEquals(Path.of("/home/alice/.config/model-admin/config.json"), located.path());
    }

    @Test
    void relativeXdgConfigHomeIsIgnored() {
        AdminConfigFile located = located(Map.of("XDG_CONFIG_HOME", "config", "HOME", "/home/alice"));

        assertEquals(Path.of("/home/alice/.config/model-admin/config.json"), located.path());
    }

    @Test
    void toStringHidesToken() {
        assertFalse(CONFIG.toString().contains("secret-token"), CONFIG.toString());
    }
}

package dev.modelservice.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The file {@code config.json} in model-admin's config folder. It holds an admin token, so the
 * folder is kept at mode 0700 and the file at 0600, and a new version replaces the old one
 * with an atomic rename so that no reader sees half a file.
 */
final class AdminConfigFile {
    static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final Path path;

    AdminConfigFile(Path folder) {
        this.folder = folder;
        this.path = folder.resolve("config.json");
    }

    Path path() {
        return path;
    }

    /** Returns the saved config, or empty when there is none. */
    Optional<AdminConfig> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return Optional.of(parse(bytes));
    }

    private AdminConfig parse(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            String url = node.path("url").asText("");
            String token = node.path("token").asText("");
            if (url.isEmpty() || token.isEmpty()) {
                throw new CommandFailedException(path + " has no url or token; run 'model-admin login URL' again");
            }
            String brand = node.path("brand-account-id").isTextual() ? node.get("brand-account-id").asText() : null;
            Path caFile = node.path("ca-file").isTextual() ? Path.of(node.get("ca-file").asText()) : null;
            return new AdminConfig(URI.create(url), token, brand, caFile);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandFailedException(path + " is not a valid model-admin config (" + e.getMessage()
                    + "); run 'model-admin login URL' again", e);
        }
    }

    /** Saves {@code config}, readable and writable by the owner only. */
    void write(AdminConfig config) {
        try {
            createFolder();
            Path temporary = Files.createTempFile(folder, "config-", ".json",
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
            try {
                Files.write(temporary, toJson(config));
                moveIntoPlace(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot save the login in " + path + ": " + e.getMessage(), e);
        }
    }

    private void createFolder() throws IOException {
        if (folder.getParent() != null) {
            Files.createDirectories(folder.getParent());
        }
        if (Files.notExists(folder)) {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER_MODE));
        }
        // The folder is model-admin's own, so it may be tightened if someone widened it.
        Files.setPosixFilePermissions(folder, FOLDER_MODE);
    }

    private void moveIntoPlace(Path temporary) throws IOException {
        try {
            Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static byte[] toJson(AdminConfig config) throws JsonProcessingException {
        ObjectNode node = JSON.createObjectNode();
        node.put("url", config.url().toString());
        node.put("token", config.token());
        if (config.brandAccountId() != null) {
            node.put("brand-account-id", config.brandAccountId());
        }
        if (config.caFile() != null) {
            node.put("ca-file", config.caFile().toString());
        }
        return (JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Deletes the saved config and returns whether there was one. */
    boolean delete() {
        try {
            return Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new CommandFailedException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AdminConfigFile[" + path + "]";
    }
}

package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.store.NewSigningLogEntry;
import dev.modelservice.store.SigningLogEntry;
import dev.modelservice.store.Store;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing and deleting signing log entries. The device API is not part of these tests, so
 * the entries are recorded through the service's store, as a serial request would.
 */
@ExtendWith(RunningService.class)
class SigningLogCommandsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path configHome;

    private AdminCli cli;
    private Store store;
    // One key for the class: the service outlives each test's instance of this class.
    private static String signingKeyId;

    @BeforeEach
    void setUp(RunningService.Service service) {
        cli = new AdminCli(configHome).loggedIn(service);
        store = service.service().store();
        if (signingKeyId == null) {
            cli.run("create", "key", "log-key", "--bits", "2048");
            signingKeyId = cli.run("list", "keys").tableRow("log-key").get(1);
        }
    }

    @Test
    void signedSerialIsListed() {
        SigningLogEntry entry = record("listed-model", "LISTED-1", Instant.parse("2026-03-01T10:00:00Z"));

        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--model", "listed-model");

        assertEquals(List.of(Long.toString(entry.id()), "2026-03-01T10:00:00Z", "listed-model", "LISTED-1", "0",
                "192.0.2.7"), outcome.tableRow(Long.toString(entry.id())), outcome.out());
    }

    @Test
    void serialFilterSelectsOne() {
        record("filtered-model", "FILTER-1", Instant.parse("2026-03-02T10:00:00Z"));
        record("filtered-model", "FILTER-2", Instant.parse("2026-03-02T11:00:00Z"));

        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--model", "filtered-model", "--serial", "FILTER-2");

        assertEquals(List.of("FILTER-2"), outcome.tableRows().stream().map(row -> row.get(3)).toList(), outcome.out());
    }

    @Test
    void sinceFilterDropsOlder() {
        record("since-model", "OLD-1", Instant.parse("2026-01-01T10:00:00Z"));
        record("since-model", "NEW-1", Instant.parse("2026-05-01T10:00:00Z"));

        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--model", "since-model", "--since", "2026-04-01");

        assertEquals(List.of("NEW-1"), outcome.tableRows().stream().map(row -> row.get(3)).toList(), outcome.out());
    }

    @Test
    void limitCutsNewestFirst() {
        record("limit-model", "LIMIT-1", Instant.parse("2026-06-01T10:00:00Z"));
        record("limit-model", "LIMIT-2", Instant.parse("2026-06-02T10:00:00Z"));

        AdminCli.Outcome outcome = cli.run("list", "signing-log", "--model", "limit-model", "--limit", "1");

        assertEquals(List.of("LIMIT-2"), outcome.tableRows().stream().map(row -> row.get(3)).toList(), outcome.out());
    }

    @Test
    void deletedEntryIsGone() {
        SigningLogEntry entry = record("deleted-model", "DELETED-1", Instant.parse("2026-07-01T10:00:00Z"));

        AdminCli.Outcome outcome = cli.run("delete", "signing-log-entry", Long.toString(entry.id()));

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.out().contains("serial 'DELETED-1' of model 'deleted-model'"), outcome.out());
        assertEquals(List.of(), cli.run("list", "signing-log", "--model", "deleted-model").tableRows());
    }

    @Test
    void deleteOfUnknownEntryFails() {
        AdminCli.Outcome outcome = cli.run("delete", "signing-log-entry", "987654");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("987654"), outcome.err());
    }

    @Test
    void signingLogAsJsonHasDeviceKey() throws Exception {
        SigningLogEntry entry = record("json-model", "JSON-1", Instant.parse("2026-08-01T10:00:00Z"));

        String json = cli.run("list", "signing-log", "--model", "json-model", "--format", "json").out();

        assertEquals(entry.deviceKeyId(), new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .path(0).path("device-key-sha3-384").asText(), json);
    }

    private SigningLogEntry record(String model, String serial, Instant signedAt) {
        if (store.models().find(RunningService.BRAND, model).isEmpty()) {
            cli.run("create", "model", model, "--api-key", model + "-apikey");
        }
        String nonce = store.nonces().issue(Duration.ofMinutes(5)).value();
        return store.signingLog().record(nonce, new NewSigningLogEntry(RunningService.BRAND, model, serial, 0,
                randomKeyId(), signingKeyId, signedAt, "192.0.2.7", "type: serial\n..."));
    }

    // A SHA3-384 key id is 48 bytes in unpadded base64url: 64 characters.
    private static String randomKeyId() {
        byte[] digest = new byte[48];
        RANDOM.nextBytes(digest);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}

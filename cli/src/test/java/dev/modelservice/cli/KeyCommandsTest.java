package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Signing keys generated on the HSM and listed. */
@ExtendWith(RunningService.class)
class KeyCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path configHome;

    private AdminCli cli;

    @BeforeEach
    void logIn(RunningService.Service service) {
        cli = new AdminCli(configHome).loggedIn(service);
    }

    @Test
    void defaultKeyHas4096Bits() throws Exception {
        cli.run("create", "key", "default-size");

        assertEquals(4096, key("default-size").path("bits").asInt());
    }

    @Test
    void keyBelongsToSavedBrand() throws Exception {
        cli.set("BRAND_ACCOUNT_ID", RunningService.BRAND).run("create", "key", "branded", "--bits", "2048");

        assertEquals(RunningService.BRAND, key("branded").path("brand").asText());
    }

    @Test
    void takenNameIsOneLineError() {
        cli.run("create", "key", "taken", "--bits", "2048");

        AdminCli.Outcome outcome = cli.run("create", "key", "taken", "--bits", "2048");

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("'taken'"), outcome.err());
    }

    @Test
    void keysAsCsv() {
        cli.run("create", "key", "as-csv", "--bits", "2048");

        AdminCli.Outcome outcome = cli.run("list", "keys", "--format", "csv");

        assertEquals("Name,SHA3-384,Account-key", outcome.outLines().get(0), outcome.out());
        assertTrue(outcome.out().contains("\nas-csv,"), outcome.out());
    }

    @Test
    void hsmKeysNameRecordedKey() throws Exception {
        cli.run("create", "key", "in-token", "--bits", "2048");

        JsonNode listed = hsmKey("in-token");

        assertEquals(2048, listed.path("bits").asInt());
        assertEquals(key("in-token").path("sha3-384").asText(), listed.path("sha3-384").asText());
    }

    @Test
    void existingRecordedKeyIsOneLineError() throws Exception {
        cli.run("create", "key", "recorded-once", "--bits", "2048");
        String handle = hsmKey("recorded-once").path("handle").asText();

        AdminCli.Outcome outcome = cli.run("create", "key", "recorded-twice", "--existing", handle);

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
    }

    @Test
    void existingWithBitsFails() {
        AdminCli.Outcome outcome = cli.run("create", "key", "both", "--existing", "0011", "--bits", "2048");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("not both"), outcome.err());
    }

    private JsonNode hsmKey(String signingKey) throws Exception {
        for (JsonNode key : JSON.readTree(cli.run("list", "hsm-keys", "--format", "json").out())) {
            if (key.path("signing-key").asText().equals(signingKey)) {
                return key;
            }
        }
        throw new AssertionError("no HSM key recorded as " + signingKey);
    }

    private JsonNode key(String name) throws Exception {
        for (JsonNode key : JSON.readTree(cli.run("list", "keys", "--format", "json").out())) {
            if (key.path("name").asText().equals(name)) {
                return key;
            }
        }
        throw new AssertionError("key " + name + " not listed");
    }
}

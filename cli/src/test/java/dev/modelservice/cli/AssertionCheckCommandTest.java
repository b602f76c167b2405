package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-admin assertion check} run in process, on files of the snapd-judged corpus. */
class AssertionCheckCommandTest {
    private static final Path FIXTURES = Paths.get(System.getProperty("fixtures.dir",
            "../assertions/src/test/resources/fixtures/assertions"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Outcome(int exitStatus, String out, String err) {
        JsonNode firstResult() throws Exception {
            return JSON.readTree(out.lines().findFirst().orElseThrow());
        }
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = ModelAdmin.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toString();
    }

    private static Outcome checkWithCorpusKeys(String file) {
        return run("assertion", "check", "--trusted", fixture("keys/trusted.assert"), "--known",
                fixture("keys/chain.assert"), fixture(file));
    }

    @Test
    void validSerialExitsZero() {
        assertEquals(0, checkWithCorpusKeys("valid-serial.assert").exitStatus());
    }

    @Test
    void validSerialReportsType() throws Exception {
        JsonNode result = checkWithCorpusKeys("valid-serial.assert").firstResult();

        assertEquals("serial", result.get("type").asText());
    }

    @Test
    void validSerialReportsHeaders() throws Exception {
        JsonNode result = checkWithCorpusKeys("valid-serial.assert").firstResult();

        assertEquals("ACME-0000042", result.get("headers").get("serial").asText());
    }

    @Test
    void expiredKeyIsRejectedAtVerify() throws Exception {
        Outcome outcome = checkWithCorpusKeys("invalid-expired-signing-key.assert");

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertEquals("verify", outcome.firstResult().get("stage").asText(), "stage");
    }

    @Test
    void serialIsRejectedAfterKeyExpiry() throws Exception {
        Outcome outcome = run("assertion", "check", "--at", "2035-01-01T00:00:00Z", "--trusted",
                fixture("keys/trusted.assert"), "--known", fixture("keys/chain.assert"),
                fixture("valid-serial.assert"));

        assertEquals("verify", outcome.firstResult().get("stage").asText(), outcome.out());
    }

    @Test
    void malformedHeaderIsRejectedAtDecode() throws Exception {
        JsonNode result = checkWithCorpusKeys("invalid-header-no-space-after-colon.assert").firstResult();

        assertEquals("decode", result.get("stage").asText());
    }

    @Test
    void withoutTrustOnlyDecodes() throws Exception {
        Outcome outcome = run("assertion", "check", fixture("invalid-uncertified-signing-key.assert"));

        assertEquals(0, outcome.exitStatus(), outcome.out());
    }

    @Test
    void withoutTrustSelfSignedIsVerified() throws Exception {
        Outcome outcome = run("assertion", "check", fixture("invalid-tampered-account-key-request.assert"));

        assertEquals("verify", outcome.firstResult().get("stage").asText());
    }

    @Test
    void missingFileIsReportedNotThrown(@TempDir Path folder) throws Exception {
        Outcome outcome = run("assertion", "check", folder.resolve("absent.assert").toString());

        assertTrue(outcome.firstResult().get("error").asText().contains("absent.assert"), outcome.out());
    }

    @Test
    void knownWithoutTrustedIsUsageError() {
        Outcome outcome = run("assertion", "check", "--known", fixture("keys/chain.assert"),
                fixture("valid-serial.assert"));

        assertEquals(2, outcome.exitStatus(), outcome.err());
    }

    @Test
    void knownThatDoesNotChainIsUsageError(@TempDir Path folder) throws Exception {
        Path otherRoot = Files.copy(Paths.get(fixture("real-canonical-root-account-key.assert")),
                folder.resolve("root.assert"));

        Outcome outcome = run("assertion", "check", "--trusted", otherRoot.toString(), "--known",
                fixture("keys/chain.assert"), fixture("valid-serial.assert"));

        assertEquals(2, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().contains("do not chain"), outcome.err());
    }

    @Test
    void trustedSerialIsUsageError() {
        Outcome outcome = run("assertion", "check", "--trusted", fixture("valid-serial.assert"),
                fixture("valid-serial.assert"));

        assertEquals(2, outcome.exitStatus(), outcome.err());
    }

    @Test
    void folderIsReportedAsUnreadable(@TempDir Path folder) throws Exception {
        Outcome outcome = run("assertion", "check", folder.toString());

        assertTrue(outcome.firstResult().get("error").asText().contains("folder"), outcome.out());
    }

    @Test
    void badTimeNamesExpectedForm() {
        Outcome outcome = run("assertion", "check", "--at", "2024-01-01", fixture("valid-serial.assert"));

        assertTrue(outcome.err().contains("2026-01-02T03:04:05Z"), outcome.err());
    }

    @Test
    void missingCommandIsUsageError() {
        assertEquals(2, run("assertion").exitStatus());
    }
}

package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Models, their API keys and serial policies, and the errors the service reports about them. */
@ExtendWith(RunningService.class)
class ModelCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path configHome;

    private AdminCli cli;

    @BeforeEach
    void logIn(RunningService.Service service) {
        cli = new AdminCli(configHome).loggedIn(service);
    }

    @Test
    void apiKeyOptionSkipsPrompt() {
        AdminCli.Outcome outcome = cli.run("create", "model", "given-key", "--api-key", "given-key-apikey");

        assertEquals("Model 'given-key' created.\n", outcome.out(), outcome.all());
        assertEquals("given-key-apikey", cli.run("list", "models").tableRow("given-key").get(1));
    }

    @Test
    void emptyReplyGeneratesApiKey() throws Exception {
        AdminCli.Outcome outcome = cli.runWithInput("\n", "create", "model", "generated-key");

        String shown = outcome.outLines().stream().filter(line -> line.contains("Generated API key: ")).findFirst()
                .orElseThrow(() -> new AssertionError(outcome.all())).replaceFirst(".*Generated API key: ", "");
        assertEquals(shown, model("generated-key").path("api-key").asText(), "listed API key");
        assertTrue(shown.length() >= 40, "API key of 256 bits: " + shown);
    }

    @Test
    void endOfInputAtPromptFails() {
        AdminCli.Outcome outcome = cli.runWithInput("", "create", "model", "no-reply");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("--api-key"), outcome.err());
    }

    @Test
    void duplicateModelIsOneLineError() {
        cli.run("create", "model", "twice", "--api-key", "twice-apikey");

        AdminCli.Outcome outcome = cli.run("create", "model", "twice", "--api-key", "twice-apikey");

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("twice"), outcome.err());
    }

    @Test
    void modelWithoutPolicyShowsDash() {
        cli.run("create", "model", "no-policy", "--api-key", "no-policy-apikey");

        assertEquals(List.of("no-policy", "no-policy-apikey", "-"), cli.run("list", "models").tableRow("no-policy"));
    }

    @Test
    void modelsAsCsv() {
        cli.run("create", "model", "as-csv", "--api-key", "as-csv-apikey");

        AdminCli.Outcome outcome = cli.run("list", "models", "--format", "csv");

        assertEquals("Name,API key,Active serial signing key", outcome.outLines().get(0), outcome.out());
        assertTrue(outcome.outLines().contains("as-csv,as-csv-apikey,"), outcome.out());
    }

    @Test
    void serialFormatOptionAssignsSerials() throws Exception {
        cli.run("create", "model", "formatted", "--api-key", "formatted-apikey", "--serial-format", "GW-{hex:16}");

        assertEquals("GW-{hex:16}", model("formatted").path("serial-format").asText());
    }

    @Test
    void assignSerialsOptionUsesUuids() throws Exception {
        cli.run("create", "model", "assigning", "--api-key", "assigning-apikey", "--assign-serials");

        assertTrue(model("assigning").path("assigns-serials").asBoolean(), "assigns serials");
        assertEquals("{uuid}", model("assigning").path("serial-format").asText());
    }

    @Test
    void updateModelChangesSerialFormat() {
        cli.run("create", "model", "reformatted", "--api-key", "reformatted-apikey", "--assign-serials");

        AdminCli.Outcome outcome = cli.run("update", "model", "reformatted", "--serial-format", "R-{date}-{hex:20}");

        assertEquals("Model 'reformatted': assigns serials: true, serial format: R-{date}-{hex:20}, allows serial"
                + " revisions: false.\n", outcome.out(), outcome.all());
    }

    @Test
    void updateModelStopsAssigningSerials() throws Exception {
        cli.run("create", "model", "unassigned", "--api-key", "unassigned-apikey", "--assign-serials");

        cli.run("update", "model", "unassigned", "--assign-serials", "false");

        assertFalse(model("unassigned").path("assigns-serials").asBoolean(), "assigns serials");
    }

    @Test
    void updateWithoutSettingFails() {
        AdminCli.Outcome outcome = cli.run("update", "model", "whatever");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("nothing to change"), outcome.err());
    }

    @Test
    void invalidSerialFormatIsOneLineError() {
        AdminCli.Outcome outcome = cli.run("create", "model", "badly-formatted", "--api-key", "badly-formatted-apikey",
                "--serial-format", "GW-{date}");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains("serial format 'GW-{date}' is invalid"), outcome.err());
    }

    @Test
    void deletedModelIsNotListed() throws Exception {
        cli.run("create", "model", "short-lived", "--api-key", "short-lived-apikey");

        AdminCli.Outcome outcome = cli.run("delete", "model", "short-lived");

        assertEquals("Model 'short-lived' deleted.\n", outcome.out(), outcome.all());
        assertTrue(model("short-lived").isMissingNode(), "model still listed");
    }

    @Test
    void deleteOfUnknownModelShowsServiceMessage() {
        AdminCli.Outcome outcome = cli.run("delete", "model", "never-created");

        assertEquals(1, outcome.exitStatus(), "exit status");
        assertTrue(outcome.err().startsWith("model-admin: "), outcome.err());
        assertTrue(outcome.err().contains("never-created"), outcome.err());
    }

    @Test
    void policyWithUnknownKeyFails() {
        cli.run("create", "model", "keyless", "--api-key", "keyless-apikey");

        AdminCli.Outcome outcome = cli.run("create", "serial-policy", "--model", "keyless", "--key", "no-such-key");

        assertEquals(1, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("no-such-key"), outcome.err());
    }

    @Test
    void policyByKeyNameSucceeds() {
        cli.run("create", "key", "by-name", "--bits", "2048");
        cli.run("create", "model", "by-name-model", "--api-key", "by-name-apikey");

        AdminCli.Outcome outcome = cli.run("create", "serial-policy", "--model", "by-name-model", "--key", "by-name");

        assertTrue(outcome.out().contains("signing key 'by-name'"), outcome.all());
    }

    @Test
    void policyWarnsWithoutAccountKey() {
        cli.run("create", "key", "unregistered", "--bits", "2048");
        cli.run("create", "model", "unregistered-model", "--api-key", "unregistered-apikey");

        AdminCli.Outcome outcome = cli.run("create", "serial-policy", "--model", "unregistered-model", "--key",
                "unregistered");

        assertEquals(0, outcome.exitStatus(), outcome.all());
        assertTrue(outcome.err().contains("no account-key for signing key 'unregistered'"), outcome.all());
    }

    @Test
    void policyPromptsOnlyForMissingKey() {
        cli.run("create", "key", "prompted", "--bits", "2048");
        cli.run("create", "model", "prompted-model", "--api-key", "prompted-apikey");

        AdminCli.Outcome outcome = cli.runWithInput("prompted\n", "create", "serial-policy", "--model", "prompted-model");

        assertTrue(outcome.out().startsWith("Signing key (SHA3-384 or name): Model 'prompted-model' now signs"),
                outcome.all());
    }

    private JsonNode model(String name) throws Exception {
        for (JsonNode model : JSON.readTree(cli.run("list", "models", "--format", "json").out())) {
            if (model.path("name").asText().equals(name)) {
                return model;
            }
        }
        return JSON.missingNode();
    }
}

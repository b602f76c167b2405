package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented flow of store-admin's on-prem Model Service, step by step: a key, a model,
 * a serial policy, then a second key that replaces the first in a new policy revision.
 */
@ExtendWith(RunningService.class)
class StoreAdminFlowTest {
    @TempDir
    Path configHome;

    @Test
    void keyModelAndPolicyRevisions(RunningService.Service service) {
        AdminCli cli = new AdminCli(configHome).loggedIn(service);

        AdminCli.Outcome createKey = cli.set("BRAND_ACCOUNT_ID", RunningService.BRAND)
                .run("create", "key", "test-key", "--bits", "2048");
        assertEquals(0, createKey.exitStatus(), createKey.all());
        assertTrue(createKey.outLines().get(0).endsWith("This may take some time."), createKey.out());
        assertEquals("Signing key 'test-key' created.", lastLine(createKey), createKey.out());
        cli.unset("BRAND_ACCOUNT_ID");

        AdminCli.Outcome listKeys = cli.run("list", "keys");
        assertEquals(List.of("Name", "SHA3-384", "Account-key"), List.of(listKeys.outLines().get(0).split(" {2,}")),
                listKeys.out());
        String testKeyId = listKeys.tableRow("test-key").get(1);
        assertEquals(64, testKeyId.length(), "SHA3-384 key id: " + testKeyId);

        AdminCli.Outcome createModel = cli.runWithInput("model-a-apikey\n", "create", "model", "model-a");
        assertEquals(0, createModel.exitStatus(), createModel.all());
        assertTrue(createModel.out().startsWith("API key"), createModel.out());
        assertTrue(createModel.out().endsWith("Model 'model-a' created.\n"), createModel.out());

        AdminCli.Outcome createPolicy = cli.runWithInput("model-a\n" + testKeyId + "\n", "create", "serial-policy");
        assertEquals(0, createPolicy.exitStatus(), createPolicy.all());
        assertTrue(createPolicy.out().contains("Model 'model-a' now signs serials with signing key 'test-key' (SHA3-384 "
                + testKeyId + ")"), createPolicy.out());

        assertEquals("""
                Name     API key         Active serial signing key
                -------  --------------  -------------------------
                model-a  model-a-apikey  test-key
                """, cli.run("list", "models").out());

        AdminCli.Outcome createNewKey = cli.run("create", "key", "new-key", "--bits", "2048");
        assertEquals("Signing key 'new-key' created.", lastLine(createNewKey), createNewKey.all());

        AdminCli.Outcome listBothKeys = cli.run("list", "keys");
        assertEquals(testKeyId, listBothKeys.tableRow("test-key").get(1), listBothKeys.out());
        String newKeyId = listBothKeys.tableRow("new-key").get(1);

        AdminCli.Outcome createSecondPolicy = cli.runWithInput("model-a\n" + newKeyId + "\n", "create", "serial-policy");
        assertTrue(createSecondPolicy.out().contains("with signing key 'new-key' (SHA3-384 " + newKeyId + ")"),
                createSecondPolicy.all());

        assertEquals("""
                Name     API key         Active serial signing key
                -------  --------------  -------------------------
                model-a  model-a-apikey  new-key
                """, cli.run("list", "models").out());

        AdminCli.Outcome policies = cli.run("list", "serial-policies", "--model", "model-a");
        assertEquals(List.of("new-key", "test-key"), policies.tableRows().stream().map(row -> row.get(1)).toList(),
                policies.out());
    }

    private static String lastLine(AdminCli.Outcome outcome) {
        List<String> lines = outcome.outLines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}

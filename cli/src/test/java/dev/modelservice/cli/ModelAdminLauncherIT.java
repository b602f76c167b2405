package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The packaged launcher, {@code target/model-admin}, run on the module path over the whole
 * snapd-judged corpus: every file must get snapd's verdict at snapd's stage.
 */
class ModelAdminLauncherIT {
    private static final Path LAUNCHER = Paths.get(System.getProperty("model-admin.launcher", "target/model-admin"));
    private static final Path FIXTURES = Paths.get(System.getProperty("fixtures.dir",
            "../assertions/src/test/resources/fixtures/assertions"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, JsonNode> resultsByName = new HashMap<>();

    /** The exit status and the text the launched command wrote to stdout and stderr. */
    record Run(int exitStatus, String out, String err) {
    }

    @BeforeAll
    static void checkWholeCorpus() throws Exception {
        List<String> corpusFiles = new ArrayList<>();
        List<String> realFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".assert")).sorted().toList()) {
                (file.getFileName().toString().startsWith("real-") ? realFiles : corpusFiles).add(file.toString());
            }
        }

        collect(launch(withTrust(corpusFiles, List.of("keys/trusted.assert"), List.of("keys/chain.assert"))));
        collect(launch(withTrust(realFiles,
                List.of("real-canonical-account.assert", "real-canonical-root-account-key.assert"),
                List.of("real-generic-account.assert", "real-generic-models-account-key.assert"))));
    }

    @TestFactory
    Stream<DynamicTest> corpusFileGetsSnapdVerdict() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(FIXTURES)) {
            for (Path verdictFile : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = verdictFile.getFileName().toString().replace(".json", "");
                if (name.equals("manifest")) {
                    continue;
                }
                JsonNode verdict = JSON.readTree(verdictFile.toFile());
                tests.add(DynamicTest.dynamicTest(name, () -> assertVerdict(name, verdict)));
            }
        }
        return tests.stream();
    }

    @Test
    void helpNamesTheCheckCommand() throws Exception {
        Run run = launch(List.of("assertion", "check", "--help"));

        assertTrue(run.out().contains("--trusted"), run.out() + run.err());
    }

    private static void assertVerdict(String name, JsonNode verdict) {
        JsonNode result = resultsByName.get(name);
        boolean valid = verdict.get("valid").asBoolean();

        assertEquals(valid, result.get("valid").asBoolean(), "valid: " + result);
        if (!valid) {
            assertEquals(verdict.get("stage").asText(), result.get("stage").asText(), "stage: " + result);
        }
    }

    private static List<String> withTrust(List<String> files, List<String> trusted, List<String> known) {
        List<String> args = new ArrayList<>(List.of("assertion", "check"));
        trusted.forEach(file -> args.addAll(List.of("--trusted", FIXTURES.resolve(file).toString())));
        known.forEach(file -> args.addAll(List.of("--known", FIXTURES.resolve(file).toString())));
        args.addAll(files);
        return args;
    }

    private static void collect(Run run) throws IOException {
        assertTrue(run.exitStatus() == 0 || run.exitStatus() == 1, "exit status " + run.exitStatus() + ": " + run.err());
        for (String line : run.out().lines().toList()) {
            JsonNode result = JSON.readTree(line);
            String file = Paths.get(result.get("file").asText()).getFileName().toString();
            resultsByName.put(file.replace(".assert", ""), result);
        }
    }

    private static Run launch(List<String> args) throws IOException, InterruptedException {
        return launch(args, Map.of());
    }

    /** Runs the packaged launcher with {@code args} and extra environment variables. */
    static Run launch(List<String> args, Map<String, String> environment)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(LAUNCHER + " did not finish within 2 minutes");
        }
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}

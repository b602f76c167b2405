package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options of 'model-service-bench run', their defaults and their errors. */
class RunCommandTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("MODEL_ADMIN_TOKEN", "token-from-env",
            "HOME", "/home/bench");

    private static BenchSettings parse(Map<String, String> environment, String... args) {
        RunCommand command = new RunCommand(environment);
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private static BenchSettings parse(String... args) {
        return parse(ENVIRONMENT, args);
    }

    private static String usageError(String... args) {
        return assertThrows(CommandLine.ParameterException.class, () -> parse(args)).getMessage();
    }

    @Test
    void rawSignNeedsServiceConfig() {
        String message = usageError();

        assertTrue(message.contains("raw-sign part needs --service-config"), message);
    }

    @Test
    void defaultsWithoutRawSign() {
        BenchSettings settings = parse("--mode", "serial,registration,request-id");

        assertEquals(2000, settings.count());
        assertEquals(List.of(1, 2, 4, 8, 16, 32), settings.concurrency());
        assertEquals(URI.create("http://127.0.0.1:8080/"), settings.deviceUrl());
        assertEquals(URI.create("http://127.0.0.1:8081/"), settings.adminUrl());
        assertEquals(Duration.ofSeconds(120), settings.timeLimit());
        assertEquals(200, settings.warmUp());
        assertEquals(HttpTransport.Kind.JETTY, settings.client());
        assertEquals(2, settings.rawSignConnections());
        assertFalse(settings.keepModels());
    }

    @Test
    void concurrencyListKeepsOrderWithoutRepeats() {
        BenchSettings settings = parse("--mode", "serial", "--concurrency", "8, 2,8,32");

        assertEquals(List.of(8, 2, 32), settings.concurrency());
        assertEquals(32, settings.maxConcurrency());
    }

    @Test
    void concurrencyOfZeroIsRejected() {
        String message = usageError("--mode", "serial", "--concurrency", "1,0");

        assertEquals("--concurrency is 0; expected a whole number from 1 to 1024", message);
    }

    @Test
    void concurrencyNotNumberIsRejected() {
        String message = usageError("--mode", "serial", "--concurrency", "1,two");

        assertTrue(message.startsWith("--concurrency '1,two' has 'two', not a whole number"), message);
    }

    @Test
    void modeAllMeansEveryMode() {
        assertEquals(List.of(Mode.RAW_SIGN, Mode.SERIAL, Mode.REGISTRATION, Mode.REQUEST_ID),
                Mode.parseList("all"));
    }

    @Test
    void modesRunInFixedOrder() {
        assertEquals(List.of(Mode.SERIAL, Mode.REQUEST_ID), Mode.parseList("request-id,serial"));
    }

    @Test
    void unknownModeIsRejected() {
        String message = usageError("--mode", "serial,latency");

        assertTrue(message.contains("unknown mode 'latency'"), message);
    }

    @Test
    void warmUpDefaultsToCountWhenSmaller() {
        assertEquals(8, parse("--mode", "serial", "--count", "8").warmUp());
        assertEquals(0, parse("--mode", "serial", "--warm-up", "0").warmUp());
    }

    @Test
    void countOutsideRangeIsRejected() {
        assertEquals("--count is 0; expected a whole number from 1 to 1000000", usageError("--mode", "serial",
                "--count", "0"));
    }

    @Test
    void remoteDeviceUrlIsRejected() {
        BenchException error = assertThrows(BenchException.class,
                () -> parse("--mode", "serial", "--device-url", "http://192.0.2.10:8080/"));

        assertTrue(error.getMessage().startsWith("rejected --device-url"), error.getMessage());
    }

    @Test
    void remoteAdminUrlIsRejected() {
        assertThrows(BenchException.class, () -> parse("--mode", "serial", "--admin-url", "http://example.com/"));
    }

    @Test
    void tokenFileWinsOverEnvironment(@TempDir Path folder) throws IOException {
        Path token = Files.writeString(folder.resolve("admin-token"), "token-from-file\n");

        assertEquals("token-from-file", parse("--mode", "serial", "--admin-token-file", token.toString()).adminToken());
        assertEquals("token-from-env", parse("--mode", "serial").adminToken());
    }

    @Test
    void missingTokenIsUsageError() {
        String message = assertThrows(CommandLine.ParameterException.class,
                () -> parse(Map.of(), "--mode", "serial")).getMessage();

        assertTrue(message.startsWith("no admin token"), message);
    }

    @Test
    void cacheDirFollowsXdg() {
        Map<String, String> environment = Map.of("MODEL_ADMIN_TOKEN", "t", "XDG_CACHE_HOME", "/var/cache/me");

        assertEquals(Path.of("/var/cache/me/model-service-bench"), parse(environment, "--mode", "serial").cacheDir());
        assertEquals(Path.of("/home/bench/.cache/model-service-bench"), parse("--mode", "serial").cacheDir());
    }

    @Test
    void serviceConfigGivesUrlsAndConnections(@TempDir Path folder) throws IOException {
        Path config = Files.writeString(folder.resolve("model-service.properties"), String.join("\n",
                "device.host = 0.0.0.0", "device.port = 9080", "admin.port = 9081",
                "signer.pkcs11.connections = 1", ""));

        BenchSettings settings = parse("--service-config", config.toString());

        assertEquals(URI.create("http://127.0.0.1:9080/"), settings.deviceUrl());
        assertEquals(URI.create("http://127.0.0.1:9081/"), settings.adminUrl());
        assertEquals(1, settings.rawSignConnections());
        assertEquals(2, parse("--service-config", config.toString(), "--connections", "2").rawSignConnections());
    }

    @Test
    void unknownClientIsRejected() {
        String message = usageError("--mode", "serial", "--client", "curl");

        assertTrue(message.contains("unknown client 'curl'"), message);
    }

    @Test
    void deviceKeyBitsOutsideSnapdSizesAreRejected() {
        String message = usageError("--mode", "serial", "--device-key-bits", "1024");

        assertTrue(message.startsWith("--device-key-bits is 1024; expected 2048, 3072 or 4096"), message);
        assertEquals(2048, parse("--mode", "serial", "--device-key-bits", "2048").deviceKeyBits());
    }

    @Test
    void repeatedOptionLastWins() {
        CommandLine commandLine = BenchCommand.commandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()),
                new java.io.PrintWriter(java.io.Writer.nullWriter()));

        CommandLine.ParseResult result = commandLine.parseArgs("run", "--count", "10", "--count", "20");

        assertEquals(20, (int) result.subcommand().matchedOptionValue("--count", 0));
    }
}

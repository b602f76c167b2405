package dev.modelservice.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.modelservice.signer.softhsm.test.SoftHsm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A device built on snapd's own code registers with the packaged service: SoftHSM behind a
 * real p11-kit server, an HSQLDB file, the service started by its launcher and set up with
 * {@code model-admin} the way an admin does it, including the air-gapped key registration
 * through a test store. Each test runs the Go device client and reads its verdict.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceRegistrationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BRAND = "acme";
    private static final String API_KEY = "gateway-api-key";
    /** Short, so that one test can outwait a request-id; the others use theirs at once. */
    private static final int REQUEST_ID_LIFETIME_SECONDS = 10;

    private static Path work;
    private static Path storeDir;
    private static SoftHsm hsm;
    private static Process service;
    private static URI deviceUri;
    private static URI adminUri;
    private static Map<String, String> adminEnvironment;

    @BeforeAll
    static void startService() throws Exception {
        work = GoSuite.freshFolder("device-registration");
        hsm = SoftHsm.start(Files.createDirectories(work.resolve("hsm")), "device-it", "1234");
        int adminPort = freePort();
        int devicePort = freePort();
        adminUri = URI.create("http://127.0.0.1:" + adminPort + "/");
        deviceUri = URI.create("http://127.0.0.1:" + devicePort + "/");

        Path config = writeConfiguration(adminPort, devicePort);
        Processes.check(List.of(launcher("model-service.launcher").toString(), "init", "--config", config.toString(),
                "--brand-account-id", BRAND), Map.of(), work);
        service = new ProcessBuilder(launcher("model-service.launcher").toString(), "run", "--config",
                config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service.log").toFile())
                .start();
        waitUntilAnswering(adminUri.resolve("v1/status"));

        String token = Files.readString(work.resolve("data/admin-token")).strip();
        adminEnvironment = Map.of("XDG_CONFIG_HOME", work.resolve("cli-config").toString(),
                "MODEL_ADMIN_TOKEN", token, "BRAND_ACCOUNT_ID", BRAND);
        setUpLikeAnAdmin();
    }

    /** Creates the key, registers it with the test store, and adds the models and their policies. */
    private static void setUpLikeAnAdmin() throws Exception {
        storeDir = work.resolve("store");
        goStore("init", "-dir", storeDir.toString(), "-brand", BRAND, "-key-bits", "2048");

        admin("login", adminUri.toString());
        admin("create", "key", "serials-key", "--bits", "2048");
        admin("register-key", "serials-key", "--output", work.resolve("serials-key.request").toString());
        goStore("sign-account-key", "-dir", storeDir.toString(), "-request",
                work.resolve("serials-key.request").toString(), "-out", work.resolve("serials-key.account-key")
                        .toString());
        admin("push-account-keys", work.resolve("serials-key.account-key").toString());
        admin("push-account-keys", storeDir.resolve("brand.account").toString());

        admin("create", "model", "gateway", "--api-key", API_KEY);
        admin("create", "serial-policy", "--model", "gateway", "--key", "serials-key");
        admin("create", "model", "gateway-two", "--api-key", "gateway-two-api-key");
        admin("create", "serial-policy", "--model", "gateway-two", "--key", "serials-key");
        admin("create", "model", "no-policy", "--api-key", "no-policy-api-key");
        admin("create", "model", "assigned", "--api-key", "assigned-api-key", "--serial-format",
                "GW-{date}-{hex:16}");
        admin("create", "serial-policy", "--model", "assigned", "--key", "serials-key");

        for (String model : List.of("gateway", "gateway-two", "no-policy", "not-served", "assigned")) {
            goStore("sign-model", "-dir", storeDir.toString(), "-model", model, "-out",
                    work.resolve(model + ".model").toString());
        }
    }

    @AfterAll
    static void stopService() throws Exception {
        if (service != null) {
            service.destroy();
            if (!service.waitFor(20, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        if (hsm != null) {
            hsm.stop();
        }
    }

    @Test
    void directPathsRegister() throws Exception {
        JsonNode result = register("-serial", "SN-DIRECT");

        assertEquals("registered", result.get("outcome").asText(), result.toString());
    }

    @Test
    void answerStreamCarriesAccountKeyAndAccount() throws Exception {
        JsonNode result = register("-serial", "SN-STREAM");

        assertEquals("[\"serial\",\"account-key\",\"account\"]", result.get("stream-types").toString(),
                result.toString());
    }

    @Test
    void assignedSerialFollowsModelFormat() throws Exception {
        JsonNode result = register("-model", work.resolve("assigned.model").toString(), "-api-key",
                "assigned-api-key");

        assertEquals("registered", result.get("outcome").asText(), result.toString());
        assertTrue(result.get("serial").asText().matches("GW-2[0-9]{7}-[0-9a-f]{16}"), result.toString());
    }

    @Test
    void v1PathsRegister() throws Exception {
        JsonNode result = register("-serial", "SN-V1", "-paths", "v1");

        assertEquals("registered", result.get("outcome").asText(), result.toString());
    }

    @Test
    void proxyPathsRegister() throws Exception {
        JsonNode result = register("-serial", "SN-PROXY", "-paths", "proxy");

        assertEquals("registered", result.get("outcome").asText(), result.toString());
    }

    @Test
    void withoutStreamRegistersWhenKeyKnown() throws Exception {
        JsonNode result = register("-serial", "SN-NO-STREAM", "-stream=false", "-known",
                work.resolve("serials-key.account-key").toString());

        assertEquals("[\"serial\"]", result.get("stream-types").toString(), result.toString());
    }

    @Test
    void wrongApiKeyIsRejected() throws Exception {
        JsonNode result = register("-api-key", "wrong-key", "-serial", "SN-WRONG-KEY");

        assertRejected(result, 401, "API key");
    }

    @Test
    void reusedRequestIdIsRejected() throws Exception {
        JsonNode first = register("-serial", "SN-REUSE-1");

        JsonNode second = register("-serial", "SN-REUSE-2", "-request-id", first.get("request-id").asText());

        assertRejected(second, 400, "already used");
    }

    @Test
    void unknownRequestIdIsRejected() throws Exception {
        JsonNode result = register("-serial", "SN-UNKNOWN-ID", "-request-id", "no-such-request-id");

        assertRejected(result, 400, "unknown");
    }

    @Test
    void expiredRequestIdIsRejected() throws Exception {
        String requestId = requestIdOverHttp();
        Thread.sleep((REQUEST_ID_LIFETIME_SECONDS + 1) * 1000L);

        JsonNode result = register("-serial", "SN-EXPIRED", "-request-id", requestId);

        assertRejected(result, 400, "expired");
    }

    @Test
    void brokenSignatureIsRejected() throws Exception {
        JsonNode result = register("-serial", "SN-BROKEN", "-sign-with-other-key");

        assertRejected(result, 400, "signature");
    }

    @Test
    void serialWithSlashIsRejected() throws Exception {
        JsonNode result = register("-serial", "SN/SLASH");

        assertRejected(result, 400, "'/'");
    }

    @Test
    void unknownModelIsRejected() throws Exception {
        JsonNode result = register("-model", work.resolve("not-served.model").toString(), "-serial",
                "SN-NOT-SERVED");

        assertRejected(result, 404, "not-served");
    }

    @Test
    void modelWithoutPolicyIsRejected() throws Exception {
        JsonNode result = register("-model", work.resolve("no-policy.model").toString(), "-api-key",
                "no-policy-api-key", "-serial", "SN-NO-POLICY");

        assertRejected(result, 409, "serial policy");
    }

    @Test
    void serialOfOtherDeviceIsRejected() throws Exception {
        register("-serial", "SN-TAKEN");

        JsonNode second = register("-serial", "SN-TAKEN");

        assertRejected(second, 409, "SN-TAKEN");
    }

    @Test
    void retryingDeviceGetsSameSerial() throws Exception {
        Path key = work.resolve("retrying.key");
        Path first = work.resolve("retry-1.serial");
        Path second = work.resolve("retry-2.serial");
        register("-serial", "SN-RETRY", "-device-key", key.toString(), "-out", first.toString());

        JsonNode again = register("-serial", "SN-RETRY", "-device-key", key.toString(), "-out", second.toString());

        assertEquals("registered", again.get("outcome").asText(), again.toString());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), "the serial recorded first");
    }

    @Test
    void remodelRegistersUnderNewModel() throws Exception {
        Path key = work.resolve("remodel.key");
        Path current = work.resolve("remodel-current.serial");
        register("-serial", "SN-REMODEL", "-device-key", key.toString(), "-out", current.toString());

        JsonNode result = register("-model", work.resolve("gateway-two.model").toString(), "-api-key",
                "gateway-two-api-key", "-serial", "SN-REMODEL", "-device-key", key.toString(), "-remodel-from",
                current.toString());

        assertEquals("registered", result.get("outcome").asText(), result.toString());
    }

    @Test
    void sixteenDevicesAtOnce() throws Exception {
        ExecutorService devices = Executors.newFixedThreadPool(16);
        List<Future<JsonNode>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String serial = "SN-CROWD-" + i;
            results.add(devices.submit(() -> register("-serial", serial)));
        }
        Set<String> serials = new HashSet<>();
        for (Future<JsonNode> result : results) {
            JsonNode verdict = result.get(5, TimeUnit.MINUTES);
            assertEquals("registered", verdict.get("outcome").asText(), verdict.toString());
            serials.add(verdict.get("serial").asText());
        }
        devices.shutdown();

        assertEquals(16, serials.size(), "distinct serials");
        assertEquals(16, signingLogRows("SN-CROWD-"), "signing log rows");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void hsmAwayGets503ThenRecovers() throws Exception {
        hsm.server().stop();
        JsonNode whileAway = register("-serial", "SN-HSM-AWAY");
        hsm.server().start();

        assertEquals("temporary", whileAway.get("outcome").asText(), whileAway.toString());
        assertEquals(503, whileAway.get("status").asInt(), whileAway.toString());
        assertEquals("registered", registerUntilRecovered("SN-HSM-BACK").get("outcome").asText());
    }

    private static JsonNode registerUntilRecovered(String serial) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        JsonNode result = register("-serial", serial);
        while (!"registered".equals(result.get("outcome").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            result = register("-serial", serial);
        }
        return result;
    }

    private static void assertRejected(JsonNode result, int status, String messagePart) {
        assertEquals("rejected", result.get("outcome").asText(), result.toString());
        assertEquals(status, result.get("status").asInt(), result.toString());
        assertTrue(result.get("message").asText().contains(messagePart), result.toString());
    }

    /**
     * Registers a device with the Go client. Flags come in pairs with their value, except
     * {@code -sign-with-other-key} and {@code -flag=value}; a flag given here replaces its
     * default, and {@code -known} adds to the default.
     */
    private static JsonNode register(String... flags) throws Exception {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("-url", List.of(deviceUri.toString()));
        values.put("-trusted", List.of(storeDir.resolve("root.assert").toString()));
        values.put("-known", new ArrayList<>(List.of(storeDir.resolve("known.assert").toString())));
        values.put("-key-bits", List.of("2048"));
        values.put("-api-key", List.of(API_KEY));
        values.put("-model", List.of(work.resolve("gateway.model").toString()));
        for (int i = 0; i < flags.length; i++) {
            String flag = flags[i];
            if (flag.contains("=") || flag.equals("-sign-with-other-key")) {
                values.put(flag, List.of());
            } else if (flag.equals("-known")) {
                values.get("-known").add(flags[++i]);
            } else {
                values.put(flag, List.of(flags[++i]));
            }
        }

        List<String> command = new ArrayList<>(List.of("bash", goScript().toString(), "device", "register"));
        values.forEach((flag, flagValues) -> {
            if (flagValues.isEmpty()) {
                command.add(flag);
            }
            flagValues.forEach(value -> command.addAll(List.of(flag, value)));
        });
        Processes.Result result = Processes.run(command, Map.of(), work);
        if (result.out().isBlank()) {
            throw new IllegalStateException("the device client printed no verdict: " + result);
        }
        return JSON.readTree(result.out());
    }

    private static String requestIdOverHttp() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                deviceUri.resolve("request-id")).header("api-key", API_KEY)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("request-id").asText();
    }

    private static int signingLogRows(String serialPrefix) throws Exception {
        String out = admin("list", "signing-log", "--model", "gateway", "--limit", "1000", "--format", "json");
        int rows = 0;
        for (JsonNode entry : JSON.readTree(out)) {
            if (entry.get("serial").asText().startsWith(serialPrefix)) {
                rows++;
            }
        }
        return rows;
    }

    private static String admin(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher("model-admin.launcher").toString()));
        command.addAll(List.of(arguments));
        return Processes.check(command, adminEnvironment, work);
    }

    private static void goStore(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", goScript().toString(), "store"));
        command.addAll(List.of(arguments));
        Processes.check(command, Map.of(), work);
    }

    private static Path writeConfiguration(int adminPort, int devicePort) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("data-dir=").append(work.resolve("data")).append('\n')
                .append("admin.host=127.0.0.1\n")
                .append("admin.port=").append(adminPort).append('\n')
                .append("device.host=127.0.0.1\n")
                .append("device.port=").append(devicePort).append('\n')
                .append("registration.request-id-lifetime-s=").append(REQUEST_ID_LIFETIME_SECONDS).append('\n')
                .append("registration.retry-after-s=5\n")
                .append("signer.provider=pkcs11\n");
        hsm.signerSettings().forEach((key, value) -> text.append("signer.pkcs11.").append(key).append('=')
                .append(value).append('\n'));
        return Files.writeString(work.resolve("model-service.conf"), text);
    }

    private static void waitUntilAnswering(URI status) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service exited: " + Files.readString(work.resolve("service.log")));
            }
            try {
                client.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the service did not answer within 60 s: "
                + Files.readString(work.resolve("service.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path launcher(String property) {
        return Paths.get(System.getProperty(property));
    }

    private static Path goScript() {
        return Paths.get(System.getProperty("conformance.go.dir", "go")).resolve("run.sh");
    }
}

package dev.modelservice.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** URLs, paths and the failures of the admin API client that need no service. */
class AdminClientTest {
    @Test
    void baseUrlGetsTrailingSlash() {
        assertEquals(URI.create("http://127.0.0.1:8081/"), AdminClient.baseUrl("http://127.0.0.1:8081"));
    }

    @Test
    void baseUrlKeepsPathPrefix() {
        assertEquals(URI.create("https://admin.example/model-service/"),
                AdminClient.baseUrl("https://admin.example/model-service"));
    }

    @Test
    void baseUrlWithoutSchemeIsRejected() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> AdminClient.baseUrl("127.0.0.1:8081"));

        assertTrue(e.getMessage().contains("'127.0.0.1:8081'"), e.getMessage());
    }

    @Test
    void baseUrlWithQueryIsRejected() {
        assertThrows(CommandFailedException.class, () -> AdminClient.baseUrl("http://127.0.0.1:8081/?x=1"));
    }

    @Test
    void baseUrlOfOtherSchemeIsRejected() {
        assertThrows(CommandFailedException.class, () -> AdminClient.baseUrl("ftp://127.0.0.1/"));
    }

    @Test
    void pathEncodesEachSegment() {
        assertEquals("v1/models/a%2Fb%20c/serial-policies", AdminClient.path("v1", "models", "a/b c", "serial-policies"));
    }

    @Test
    void queryLeavesOutNullValues() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("brand", null);
        query.put("model", "gw");
        query.put("limit", 5);

        assertEquals("v1/signing-log?model=gw&limit=5", AdminClient.withQuery("v1/signing-log", query));
    }

    @Test
    void queryOfOnlyNullsIsEmpty() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("brand", null);

        assertEquals("v1/models", AdminClient.withQuery("v1/models", query));
    }

    @Test
    void refusedConnectionNamesUrlAndLogin() throws Exception {
        URI url;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            url = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        AdminClient client = new AdminClient(url, "token", java.util.Optional.empty());

        CommandFailedException e = assertThrows(CommandFailedException.class, () -> client.get("v1/status"));

        assertTrue(e.getMessage().contains(url.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("model-admin login"), e.getMessage());
    }
}

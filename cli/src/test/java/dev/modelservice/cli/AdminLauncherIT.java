package dev.modelservice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged launcher's admin commands on the module path, against a running service:
 * picocli, Jackson and the JDK HTTP client must resolve there as they do for an admin.
 */
@ExtendWith(RunningService.class)
class AdminLauncherIT {
    @TempDir
    Path configHome;

    private ModelAdminLauncherIT.Run launch(Map<String, String> environment, String... args) throws Exception {
        Map<String, String> withConfig = new HashMap<>(environment);
        withConfig.put("XDG_CONFIG_HOME", configHome.toString());
        return ModelAdminLauncherIT.launch(List.of(args), withConfig);
    }

    @Test
    void keyCreatedAndListedAsJson(RunningService.Service service) throws Exception {
        ModelAdminLauncherIT.Run login = launch(Map.of("MODEL_ADMIN_TOKEN", service.adminToken()),
                "login", service.adminUri().toString());
        ModelAdminLauncherIT.Run create = launch(Map.of(), "create", "key", "launched", "--bits", "2048");
        ModelAdminLauncherIT.Run list = launch(Map.of(), "list", "keys", "--format", "json");

        assertEquals(0, login.exitStatus(), login.out() + login.err());
        assertTrue(create.out().endsWith("Signing key 'launched' created.\n"), create.out() + create.err());
        JsonNode keys = new ObjectMapper().readTree(list.out());
        assertEquals("launched", keys.path(0).path("name").asText(), list.out() + list.err());
    }

    @Test
    void closedPortIsOneLineError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ModelAdminLauncherIT.Run run = launch(Map.of("MODEL_ADMIN_TOKEN", "token"),
                "login", "http://127.0.0.1:" + closedPort + "/");

        assertEquals(1, run.exitStatus(), run.out() + run.err());
        assertTrue(run.err().startsWith("model-admin: cannot connect to http://127.0.0.1:" + closedPort),
                run.err());
    }
}

package dev.modelservice.signer.pkcs11;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconnectDelayTest {
    @TempDir
    Path folder;

    private Connection connection() throws Exception {
        Path module = Files.writeString(folder.resolve("module.so"), "");
        Path pin = Files.writeString(folder.resolve("user.pin"), "1234");
        Pkcs11Configuration configuration = Pkcs11Configuration.parse(Map.of("module", module.toString(),
                "token-label", "brand", "pin-file", pin.toString(), "reconnect-delay-ms", "100",
                "reconnect-max-delay-ms", "1000"), name -> null);
        return new Connection("test connection", configuration, 1, false, name -> null, null, null);
    }

    @Test
    void firstDelayIsConfigured() throws Exception {
        assertEquals(Duration.ofMillis(100), connection().reconnectDelay(1));
    }

    @Test
    void delayDoubles() throws Exception {
        assertEquals(Duration.ofMillis(400), connection().reconnectDelay(3));
    }

    @Test
    void delayIsCapped() throws Exception {
        assertEquals(Duration.ofMillis(1000), connection().reconnectDelay(50));
    }
}

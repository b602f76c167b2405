package dev.modelservice.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionVerifier;
import dev.modelservice.assertions.SerialRequest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device keys cached as PKCS#8 files and read back, and the serial-requests they sign. The
 * tests use 2048-bit keys, which generate faster than snapd's 4096-bit ones.
 */
class DeviceKeyPoolTest {
    private static final int BITS = 2048;

    @Test
    void secondLoadReadsSameKeys(@TempDir Path cache) {
        DeviceKeyPool.Result first = DeviceKeyPool.load(cache, 2, BITS, 2);

        DeviceKeyPool.Result second = DeviceKeyPool.load(cache, 2, BITS, 2);

        assertEquals(2, first.generated());
        assertEquals(0, second.generated());
        assertEquals(2, second.loaded());
        assertEquals(first.keys().get(1).publicKey().id(), second.keys().get(1).publicKey().id());
    }

    @Test
    void largerCountAddsKeys(@TempDir Path cache) {
        DeviceKeyPool.load(cache, 1, BITS, 1);

        DeviceKeyPool.Result more = DeviceKeyPool.load(cache, 2, BITS, 1);

        assertEquals(1, more.loaded());
        assertEquals(1, more.generated());
    }

    @Test
    void keyFilesAreNumberedAndPrivate(@TempDir Path cache) throws Exception {
        DeviceKeyPool.load(cache, 1, BITS, 1);

        Path file = DeviceKeyPool.folder(cache, BITS).resolve("0000000.pk8");

        assertTrue(Files.isRegularFile(file), file.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void brokenFileIsNamed(@TempDir Path cache) throws Exception {
        Path folder = Files.createDirectories(DeviceKeyPool.folder(cache, BITS));
        Files.write(folder.resolve("0000000.pk8"), new byte[] {1, 2, 3});

        BenchException error = assertThrows(BenchException.class, () -> DeviceKeyPool.load(cache, 1, BITS, 1));

        assertTrue(error.getMessage().startsWith("cannot read device key " + folder.resolve("0000000.pk8")),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("delete it and run again to generate it anew"), error.getMessage());
    }

    @Test
    void keyOfOtherSizeIsRejected(@TempDir Path cache) throws Exception {
        DeviceKeyPool.load(cache, 1, BITS, 1);
        Path folder = Files.createDirectories(DeviceKeyPool.folder(cache, 3072));
        Files.copy(DeviceKeyPool.folder(cache, BITS).resolve("0000000.pk8"), folder.resolve("0000000.pk8"));

        BenchException error = assertThrows(BenchException.class, () -> DeviceKeyPool.load(cache, 1, 3072, 1));

        assertTrue(error.getMessage().contains("has 2048 bits, not 3072"), error.getMessage());
    }

    @Test
    void serialRequestVerifiesWithItsDeviceKey(@TempDir Path cache) throws Exception {
        DeviceKey device = DeviceKeyPool.load(cache, 1, BITS, 1).keys().get(0);

        Assertion assertion = AssertionDecoder.decode(device.serialRequest("acme", "gateway", "rid-1", "SN-1"));
        SerialRequest request = SerialRequest.of(assertion);
        AssertionVerifier.verifySelfSigned(assertion);

        assertEquals("rid-1", request.requestId());
        assertEquals("SN-1", request.serial());
        assertArrayEquals(device.publicKey().encode().getBytes(), request.deviceKey().encode().getBytes());
    }
}

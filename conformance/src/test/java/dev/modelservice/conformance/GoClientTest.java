package dev.modelservice.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The Go half's own tests: the device client and the test store, built on snapd's code,
 * against a fake device service. The device API tests rely on both.
 */
class GoClientTest {
    @Test
    void deviceClientAndTestStorePass() throws Exception {
        GoSuite.Run run = GoSuite.goTests();

        assertEquals(0, run.exitStatus(), "go/run.sh test failed:\n" + run.output());
    }
}

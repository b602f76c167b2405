package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SigningKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Measures signatures per second through the plugin and p11-kit server with 1 and 2
 * connections. Not part of the build's tests; run it with
 * {@code mvn -pl signer-softhsm-test -am verify -Dgroups=benchmark -Dsigner.excludedGroups=none
 * -Dtest=SigningThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
@ExtendWith(SoftHsmExtension.class)
class SigningThroughputBenchmark {
    private static final long WARM_UP_MILLIS = 2_000;
    private static final long MEASURE_MILLIS = 8_000;

    @Test
    void signaturesPerSecond(SoftHsm hsm) throws Exception {
        for (int connections : List.of(1, 2)) {
            for (int threads : List.of(1, 2, 4)) {
                measure(hsm, connections, threads);
            }
        }
    }

    private static void measure(SoftHsm hsm, int connections, int threads) throws Exception {
        Map<String, String> settings = Map.of("connections", Integer.toString(connections),
                "sessions-per-connection", Integer.toString(threads));
        try (Signer signer = Signers.create(hsm.signerSettings(), settings)) {
            signer.start();
            SigningKey key = signer.listKeys().stream().filter(candidate -> candidate.name().equals("benchmark-key"))
                    .findFirst().orElse(null);
            if (key == null) {
                key = signer.generateKey("benchmark-key");
            }

            SigningRun run = new SigningRun(signer, key, threads).start();
            Thread.sleep(WARM_UP_MILLIS);
            long before = run.verified();
            long start = System.nanoTime();
            Thread.sleep(MEASURE_MILLIS);
            long signatures = run.verified() - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            run.stop();

            System.out.printf("RSA-%d through p11-kit server: %d connections, %d threads: %.0f signatures/s%n",
                    key.modulusBits(), connections, threads, signatures / seconds);
            assertEquals(0, run.badSignatures());
        }
    }
}

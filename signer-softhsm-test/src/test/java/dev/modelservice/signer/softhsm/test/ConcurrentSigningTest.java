package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SoftHsmExtension.class)
class ConcurrentSigningTest {
    private static final int THREADS = 8;
    private static final int SIGNATURES_PER_THREAD = 40;

    @Test
    void eightThreadsSignCorrectly(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey key = signer.generateKey("concurrent-key", 2048);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<List<String>>> results = new ArrayList<>();

            for (int thread = 0; thread < THREADS; thread++) {
                results.add(pool.submit(signAndCheck(signer, key, thread)));
            }
            List<String> failures = new ArrayList<>();
            Set<String> messages = new HashSet<>();
            for (Future<List<String>> result : results) {
                for (String outcome : result.get()) {
                    if (outcome.startsWith("bad ")) {
                        failures.add(outcome);
                    } else {
                        messages.add(outcome);
                    }
                }
            }
            pool.shutdown();

            assertEquals(List.of(), failures);
            assertEquals(THREADS * SIGNATURES_PER_THREAD, messages.size());
        }
    }

    @Test
    void signingContinuesDuringKeyGeneration(SoftHsm hsm) throws Exception {
        try (Signer signer = Signers.start(hsm.signerSettings())) {
            SigningKey key = signer.generateKey("busy-key", 2048);

            try (SigningRun run = new SigningRun(signer, key, 2).start()) {
                signer.generateKey("slow-key", 4096);
                long signedDuringGeneration = run.verified();
                run.stop();

                assertTrue(signedDuringGeneration > 0, "no signature completed while a 4096-bit key was generated");
                assertEquals(0, run.badSignatures());
                assertEquals(List.of(), run.unexpectedErrors());
            }
        }
    }

    private static Callable<List<String>> signAndCheck(Signer signer, SigningKey key, int thread) {
        return () -> {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < SIGNATURES_PER_THREAD; i++) {
                String message = "thread " + thread + " message " + i;
                byte[] data = message.getBytes(StandardCharsets.UTF_8);
                byte[] signature = signer.sign(key.handle(), data);
                outcomes.add(Signers.verifies(key.publicKey(), data, signature) ? message : "bad " + message);
            }
            return outcomes;
        };
    }
}

package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.Signer;
import dev.modelservice.signer.SignerException;
import dev.modelservice.signer.SigningKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The p11-kit server or its per-connection processes die or stall in the middle of a
 * signing run: calls fail with TOKEN_UNAVAILABLE, the signer reconnects on its own, and no
 * call ever returns a wrong signature.
 */
@ExtendWith(SoftHsmExtension.class)
class RecoveryTest {
    private static final byte[] DATA = "recovery".getBytes(StandardCharsets.UTF_8);
    private static final int THREADS = 4;
    private static final int SIGNATURES = 20;

    private static Signer signer;
    private static SigningKey key;

    @BeforeAll
    static void startSigner(SoftHsm hsm) throws Exception {
        signer = Signers.create(hsm.signerSettings(), Map.of("call-timeout-ms", "2000"));
        signer.start();
        key = signer.generateKey("recovery-key", 2048);
    }

    @AfterAll
    static void stopSigner() {
        if (signer != null) {
            signer.close();
        }
    }

    @Test
    void serverRestartMidRun(SoftHsm hsm) throws Exception {
        try (SigningRun run = new SigningRun(signer, key, THREADS).start()) {
            run.awaitCount("signatures before the crash", run::verified, SIGNATURES);

            hsm.server().kill();
            SignerException down = assertThrows(SignerException.class, () -> signer.sign(key.handle(), DATA));
            run.awaitCount("failed calls while the server is down", run::temporaryFailures, THREADS);
            long verifiedBeforeRestart = run.verified();
            hsm.server().start();
            run.awaitCount("signatures after the restart", run::verified, verifiedBeforeRestart + SIGNATURES);
            run.stop();

            assertEquals(SignerException.Kind.TOKEN_UNAVAILABLE, down.kind());
            assertEquals(0, run.badSignatures());
            assertEquals(List.of(), run.unexpectedErrors());
        }
    }

    @Test
    void connectionProcessesKilledMidRun(SoftHsm hsm) throws Exception {
        try (SigningRun run = new SigningRun(signer, key, THREADS).start()) {
            run.awaitCount("signatures before the crash", run::verified, SIGNATURES);

            long failuresBefore = run.temporaryFailures();
            hsm.server().killConnectionProcesses();
            run.awaitCount("failed calls after the crash", run::temporaryFailures, failuresBefore + 1);
            long verifiedAfterCrash = run.verified();
            run.awaitCount("signatures after reconnecting", run::verified, verifiedAfterCrash + SIGNATURES);
            run.stop();

            assertEquals(0, run.badSignatures());
            assertEquals(List.of(), run.unexpectedErrors());
        }
    }

    @Test
    void stalledConnectionFailsWithinCallTimeout(SoftHsm hsm) throws Exception {
        // A signer of its own, so that every one of its connections is up when the processes stop.
        try (Signer stalledSigner = Signers.create(hsm.signerSettings(), Map.of("call-timeout-ms", "2000"))) {
            stalledSigner.start();
            List<Long> stalled = hsm.server().connectionProcesses();
            signal("STOP", stalled);
            try {
                SignerException first = assertThrows(SignerException.class,
                        () -> stalledSigner.sign(key.handle(), DATA));
                byte[] signature = signAfterRecovery(stalledSigner);

                assertEquals(SignerException.Kind.TOKEN_UNAVAILABLE, first.kind());
                assertTrue(Signers.verifies(key.publicKey(), DATA, signature));
            } finally {
                signal("CONT", stalled);
            }
        }
    }

    private static byte[] signAfterRecovery(Signer recovering) throws Exception {
        try (SigningRun run = new SigningRun(recovering, key, 1).start()) {
            run.awaitCount("signatures after replacing the stalled connections", run::verified, 1);
        }
        return recovering.sign(key.handle(), DATA);
    }

    /** Sends {@code signal} with the shell's built-in kill, so that no procps package is needed. */
    private static void signal(String signal, List<Long> pids) throws IOException, InterruptedException {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("sh", "-c", "kill -" + signal + " " + pid).inheritIO().start();
            assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid + " failed");
        }
    }
}

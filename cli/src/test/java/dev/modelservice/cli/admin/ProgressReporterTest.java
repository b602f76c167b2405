package dev.modelservice.cli.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The progress shown while the HSM generates a key, driven by hand instead of by the clock. */
class ProgressReporterTest {
    private final StringWriter err = new StringWriter();

    private ProgressReporter reporter(boolean terminal) {
        return new ProgressReporter(new PrintWriter(err, true), terminal, "Waiting for the HSM");
    }

    @Test
    void terminalRedrawsOneLine() {
        ProgressReporter progress = reporter(true);

        progress.show(Duration.ofSeconds(1));
        progress.show(Duration.ofSeconds(2));

        assertEquals("\rWaiting for the HSM: 1 s\rWaiting for the HSM: 2 s", err.toString());
    }

    @Test
    void terminalLineIsClearedOnClose() {
        ProgressReporter progress = reporter(true);
        progress.show(Duration.ofSeconds(12));
        err.getBuffer().setLength(0);

        progress.close();

        assertEquals("\r" + " ".repeat("Waiting for the HSM: 12 s".length()) + "\r", err.toString());
    }

    @Test
    void logGetsOneLinePerTick() {
        ProgressReporter progress = reporter(false);

        progress.show(Duration.ofSeconds(10));
        progress.show(Duration.ofSeconds(20));

        assertEquals("Waiting for the HSM: 10 s\nWaiting for the HSM: 20 s\n", err.toString().replace("\r\n", "\n"));
    }

    @Test
    void closeWithoutTickPrintsNothing() {
        reporter(true).close();

        assertEquals("", err.toString());
    }

    @Test
    void tickAfterCloseIsDropped() {
        ProgressReporter progress = reporter(false);
        progress.close();

        progress.show(Duration.ofSeconds(10));

        assertEquals("", err.toString());
    }
}

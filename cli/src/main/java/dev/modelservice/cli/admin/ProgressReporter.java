package dev.modelservice.cli.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows on stderr that a long call still runs: on a terminal one line that counts the seconds,
 * elsewhere, such as in a CI log, a new line every 10 seconds.
 */
final class ProgressReporter implements AutoCloseable {
    static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final PrintWriter err;
    private final boolean terminal;
    private final String activity;
    private final long startNanos = System.nanoTime();
    private ScheduledExecutorService timer;
    private int shownLength;
    private boolean closed;

    ProgressReporter(PrintWriter err, boolean terminal, String activity) {
        this.err = err;
        this.terminal = terminal;
        this.activity = activity;
    }

    /** Starts showing the progress of {@code activity}, such as "Waiting for the HSM". */
    static ProgressReporter start(PrintWriter err, boolean terminal, String activity) {
        ProgressReporter reporter = new ProgressReporter(err, terminal, activity);
        long period = (terminal ? TERMINAL_INTERVAL : LOG_INTERVAL).toMillis();
        reporter.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "model-admin-progress");
            thread.setDaemon(true);
            return thread;
        });
        reporter.timer.scheduleAtFixedRate(reporter::showNow, period, period, TimeUnit.MILLISECONDS);
        return reporter;
    }

    private void showNow() {
        show(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** Shows {@code elapsed}: redraws the line on a terminal, else prints a new one. */
    synchronized void show(Duration elapsed) {
        // A tick may wait for the lock while close() runs; it must not draw after the line was cleared.
        if (closed) {
            return;
        }
        String text = activity + ": " + elapsed.toSeconds() + " s";
        if (terminal) {
            err.print("\r" + text);
            shownLength = text.length();
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Stops the timer and, on a terminal, clears the progress line. */
    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (terminal && shownLength > 0) {
            err.print("\r" + " ".repeat(shownLength) + "\r");
            err.flush();
        }
    }

    @Override
    public String toString() {
        return "ProgressReporter[" + activity + ", terminal=" + terminal + ", running="
                + (timer != null && !timer.isShutdown()) + "]";
    }
}

package dev.modelservice.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the project's own launchers and Go programs as child processes, bounded in time. */
final class Processes {
    private static final long TIMEOUT_SECONDS = 180;

    /** The outcome of one run: exit status and what it printed on standard output and error. */
    record Result(int exitStatus, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitStatus + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private Processes() {
    }

    static Result run(List<String> command, Map<String, String> environment, Path workDir)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "out", ".log");
        Path err = Files.createTempFile(workDir, "err", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed and returns its standard output. */
    static String check(List<String> command, Map<String, String> environment, Path workDir)
            throws IOException, InterruptedException {
        Result result = run(command, environment, workDir);
        if (result.exitStatus() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result);
        }
        return result.out();
    }
}

package dev.modelservice.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Runs the Go half of the suite, {@code go/run.sh}, built against Debian's snapd source. */
final class GoSuite {
    /** The summary line that the Go check prints last. */
    static final Pattern SUMMARY = Pattern.compile("(?m)^conformance: (\\d+) passed, (\\d+) failed$");

    /** Bound on one run; a cold Go build cache takes about 20 seconds on two cores. */
    private static final long TIMEOUT_MINUTES = 10;

    /** The outcome of one run: exit status and everything it printed. */
    record Run(int exitStatus, String output) {
        /** Returns the passed and failed counts of the summary line, or null when there is none. */
        int[] summary() {
            Matcher matcher = SUMMARY.matcher(output);
            if (!matcher.find()) {
                return null;
            }
            return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
        }
    }

    private GoSuite() {
    }

    /** Returns an empty folder under the build's work folder. */
    static Path freshFolder(String name) throws IOException {
        Path folder = Paths.get(System.getProperty("conformance.work.dir", "target/conformance")).resolve(name);
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(folder);
    }

    /** Lets snapd sign a case folder into {@code folder}. */
    static Run sign(Path folder) throws IOException, InterruptedException {
        return run("sign", folder.toString());
    }

    /** Lets snapd check the case folder that our codec wrote into {@code folder}. */
    static Run check(Path folder) throws IOException, InterruptedException {
        return run("check", folder.toString());
    }

    /** Runs the Go half's own tests: the device client and test store against a fake service. */
    static Run goTests() throws IOException, InterruptedException {
        return run("test");
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        Path script = Paths.get(System.getProperty("conformance.go.dir", "go")).resolve("run.sh");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash", script.toString()));
        command.addAll(java.util.List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("go/run.sh " + String.join(" ", arguments) + " did not finish within "
                    + TIMEOUT_MINUTES
                    + " minutes; output so far:\n" + output);
        }
        // The Go output goes to the build log, so CI shows snapd's own pass count.
        System.out.println(output);
        return new Run(process.exitValue(), output);
    }
}

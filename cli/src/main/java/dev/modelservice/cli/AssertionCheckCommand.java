package dev.modelservice.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.modelservice.assertions.Assertion;
import dev.modelservice.assertions.AssertionDatabase;
import dev.modelservice.assertions.AssertionDecoder;
import dev.modelservice.assertions.AssertionException;
import dev.modelservice.assertions.AssertionFormatException;
import dev.modelservice.assertions.AssertionStreamDecoder;
import dev.modelservice.assertions.AssertionType;
import dev.modelservice.assertions.AssertionVerificationException;
import dev.modelservice.assertions.AssertionVerifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code model-admin assertion check}: decodes assertion files and, given a root of trust,
 * checks them the way a device's assertion database does.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = ModelAdmin.Version.class,
        description = {
            "Decodes each FILE (one assertion or a stream of them) and prints one JSON object per file:",
            "{\"file\", \"valid\", \"stage\": \"decode\"|\"verify\"|null, \"error\", \"type\", \"headers\", \"body\"},"
                + " where type, headers and body describe the file's first assertion.",
            "A file holding one assertion must also pass snapd's single-assertion decoder, which rejects a"
                + " trailing blank line.",
            "serial-request and account-key-request assertions are always checked against the key they carry.",
            "With --trusted, every assertion must also chain to the trusted ones, as on a device.",
            "Exits 0 when every file is valid, 1 when one is not, 2 on a usage error."},
        sortOptions = false)
final class AssertionCheckCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bound on the assertions of one file, so that a huge file fails clearly rather than filling memory. */
    private static final int MAX_ASSERTIONS_PER_FILE = 10_000;

    @Option(names = "--trusted", paramLabel = "FILE",
            description = "Assertions taken as the root of trust, like Canonical's root compiled into snapd:"
                    + " an account and its self-signed account-key. Repeatable.")
    private List<Path> trustedFiles = new ArrayList<>();

    @Option(names = "--known", paramLabel = "FILE",
            description = "Further accounts, account-keys and models; each must chain to the trusted ones."
                    + " Repeatable. Needs --trusted.")
    private List<Path> knownFiles = new ArrayList<>();

    @Option(names = "--at", paramLabel = "TIME", converter = Rfc3339Converter.class,
            description = "Checks key validity as of TIME (RFC 3339, for example 2026-01-01T00:00:00Z)"
                    + " instead of now.")
    private Instant checkTime;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Assertion files to check.")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Instant at = checkTime != null ? checkTime : Instant.now();
        if (!knownFiles.isEmpty() && trustedFiles.isEmpty()) {
            err.println("model-admin: --known needs --trusted: give the root of trust the known assertions chain to");
            return ModelAdmin.EXIT_USAGE;
        }

        List<Assertion> trusted;
        List<Assertion> known;
        try {
            trusted = readAll(trustedFiles, "trusted");
            checkTrustedTypes(trusted);
            known = readAll(knownFiles, "known");
            if (!trusted.isEmpty()) {
                database(trusted, known, at);
            }
        } catch (SetupException e) {
            err.println("model-admin: " + e.getMessage());
            return ModelAdmin.EXIT_USAGE;
        }
        if (trusted.isEmpty()) {
            err.println("model-admin: without --trusted, only the format and the self-signed requests are checked,"
                    + " not the signatures of other assertions");
        }

        boolean allValid = true;
        for (Path file : files) {
            Map<String, Object> result = check(file, trusted, known, at);
            allValid &= Boolean.TRUE.equals(result.get("valid"));
            out.println(toJson(result));
        }
        return allValid ? ModelAdmin.EXIT_OK : ModelAdmin.EXIT_INVALID;
    }

    private Map<String, Object> check(Path file, List<Assertion> trusted, List<Assertion> known, Instant at) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("file", file.toString());
        List<Assertion> assertions = List.of();
        try {
            assertions = decode(file);
            if (trusted.isEmpty()) {
                verifySelfSigned(assertions);
            } else {
                database(trusted, known, at).addAll(assertions, at);
            }
            putOutcome(result, null);
        } catch (AssertionException e) {
            putOutcome(result, e);
        } catch (SetupException e) {
            throw new IllegalStateException("the root of trust was checked before the files", e);
        }
        describeFirst(result, assertions);
        return result;
    }

    private static List<Assertion> decode(Path file) throws AssertionFormatException {
        if (Files.isDirectory(file)) {
            throw new AssertionFormatException("cannot read " + file + ": it is a folder, not an assertion file");
        }
        List<Assertion> assertions = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            AssertionStreamDecoder decoder = new AssertionStreamDecoder(in);
            for (Assertion next = decoder.next(); next != null; next = decoder.next()) {
                assertions.add(next);
                if (assertions.size() > MAX_ASSERTIONS_PER_FILE) {
                    throw new AssertionFormatException(file + " contains more than " + MAX_ASSERTIONS_PER_FILE
                            + " assertions: split it into smaller files");
                }
            }
        } catch (NoSuchFileException e) {
            throw new AssertionFormatException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new AssertionFormatException("cannot read " + file + ": " + e.getMessage());
        }
        if (assertions.isEmpty()) {
            throw new AssertionFormatException(file + " contains no assertion");
        }
        if (assertions.size() == 1) {
            // snapd reads a lone assertion with its single-assertion decoder, which splits off
            // the signature at the last blank line and so rejects a trailing blank line.
            AssertionDecoder.decode(readSmall(file));
        }
        return assertions;
    }

    /** Reads a file that held one assertion, so at most a few MiB; the stream decoder bounded it. */
    private static byte[] readSmall(Path file) throws AssertionFormatException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionFormatException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** snapd takes only accounts and account-keys as its root of trust. */
    private static void checkTrustedTypes(List<Assertion> trusted) throws SetupException {
        for (Assertion assertion : trusted) {
            if (assertion.type() != AssertionType.ACCOUNT && assertion.type() != AssertionType.ACCOUNT_KEY) {
                throw new SetupException("--trusted takes account and account-key assertions only, not "
                        + assertion.reference() + "; give other assertions with --known or as FILE");
            }
        }
    }

    private static void verifySelfSigned(List<Assertion> assertions)
            throws AssertionFormatException, AssertionVerificationException {
        for (Assertion assertion : assertions) {
            if (assertion.type().withoutAuthority()) {
                AssertionVerifier.verifySelfSigned(assertion);
            }
        }
    }

    private static void putOutcome(Map<String, Object> result, AssertionException failure) {
        result.put("valid", failure == null);
        result.put("stage", failure == null ? null : failure.stage().name().toLowerCase(java.util.Locale.ROOT));
        result.put("error", failure == null ? null : failure.getMessage());
    }

    private static void describeFirst(Map<String, Object> result, List<Assertion> assertions) {
        Assertion first = assertions.isEmpty() ? null : assertions.get(0);
        result.put("type", first == null ? null : first.type().name());
        result.put("headers", first == null ? null : first.headers());
        result.put("body", first == null ? null : first.bodyText());
    }

    private static AssertionDatabase database(List<Assertion> trusted, List<Assertion> known, Instant at)
            throws SetupException {
        AssertionDatabase database = new AssertionDatabase(trusted);
        try {
            database.addAll(known, at);
        } catch (AssertionVerificationException e) {
            throw new SetupException("the known assertions do not chain to the trusted ones: " + e.getMessage()
                    + "; give the missing accounts and account-keys with --known, or fix --trusted");
        }
        return database;
    }

    private static List<Assertion> readAll(List<Path> paths, String option) throws SetupException {
        List<Assertion> assertions = new ArrayList<>();
        for (Path path : paths) {
            try {
                assertions.addAll(decode(path));
            } catch (AssertionFormatException e) {
                throw new SetupException("--" + option + " " + path + " is not a valid assertion file: "
                        + e.getMessage());
            }
        }
        return assertions;
    }

    private static String toJson(Map<String, Object> result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers are strings, lists and maps, which always serialise", e);
        }
    }

    /** The trusted or known assertions cannot serve as a root of trust. */
    private static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    /** Reads --at, with an error that shows the expected form. */
    static final class Rfc3339Converter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an RFC 3339 time in UTC;"
                        + " write it as 2026-01-02T03:04:05Z");
            }
        }
    }
}

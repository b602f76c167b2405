package dev.modelservice.assertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The corpus of assertions judged by snapd 2.57.6's own code, copied into the test
 * resources: each {@code NAME.assert} with a {@code NAME.json} verdict.
 */
public final class FixtureCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One case: the exact bytes and snapd's verdict on them. */
    public record Case(String name, byte[] bytes, JsonNode verdict) {
        public boolean valid() {
            return verdict.path("valid").asBoolean();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private FixtureCorpus() {
    }

    public static Path directory() {
        try {
            return Paths.get(FixtureCorpus.class.getResource("/fixtures/assertions/manifest.json").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory())) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(".assert")) {
                    String name = fileName.substring(0, fileName.length() - ".assert".length());
                    cases.add(new Case(name, Files.readAllBytes(file), readJson(file.resolveSibling(name + ".json"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    public static byte[] read(String relativePath) {
        try {
            return Files.readAllBytes(directory().resolve(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Assertion> decodeAll(String relativePath) {
        try {
            return AssertionStreamDecoder.decodeAll(read(relativePath));
        } catch (AssertionFormatException e) {
            throw new IllegalStateException(relativePath + " does not decode: " + e.getMessage(), e);
        }
    }

    static JsonNode readJson(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        }
    }
}

package dev.modelservice.conformance;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A folder of assertion files with a {@code manifest.json} that states, for each case, the
 * verdict snapd must reach; the Go half of the suite reads and writes the same format.
 */
final class CaseFolder {
    static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The root of trust, the further known assertions, and the cases. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Manifest(List<String> trusted, List<String> known, List<Case> cases) {
    }

    /**
     * One case: a file, the expected outcome ({@code valid} or {@code reject} at a
     * {@code stage}), how to check it ({@code database}, {@code self} or {@code public-key}),
     * and optionally the headers and body it must decode to.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Case(String name, String file, String expect, String stage, String check,
            @JsonProperty("public-key-file") String publicKeyFile, Map<String, Object> headers, String body) {

        boolean valid() {
            return "valid".equals(expect);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private CaseFolder() {
    }

    static Manifest read(Path folder) throws IOException {
        return JSON.readValue(folder.resolve(MANIFEST).toFile(), Manifest.class);
    }

    static void write(Path folder, Manifest manifest) throws IOException {
        JSON.writeValue(folder.resolve(MANIFEST).toFile(), manifest);
    }
}

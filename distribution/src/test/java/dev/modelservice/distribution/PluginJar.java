package dev.modelservice.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;

/**
 * Builds a modular signer plugin jar, as an HSM vendor would ship one, from source with the
 * JDK's javac and jar tools against the release's own API jar.
 *
 * <p>The plugin's provider, named {@link #PROVIDER_NAME}, creates its signers through the
 * release's pkcs11 provider, so that it reaches a real token while its own name must be
 * found in the plugins folder.
 */
final class PluginJar {
    static final String PROVIDER_NAME = "example-vendor";
    static final String MODULE_NAME = "com.example.signer.vendor";

    private static final String MODULE_INFO = String.join("\n",
            "module " + MODULE_NAME + " {",
            "    requires dev.modelservice.api;",
            "    provides dev.modelservice.signer.SignerProvider with com.example.signer.vendor.VendorSignerProvider;",
            "}",
            "");

    private static final String PROVIDER = String.join("\n",
            "package com.example.signer.vendor;",
            "",
            "import dev.modelservice.signer.Signer;",
            "import dev.modelservice.signer.SignerException;",
            "import dev.modelservice.signer.SignerProvider;",
            "import dev.modelservice.signer.SignerProviders;",
            "import java.util.Map;",
            "",
            "public final class VendorSignerProvider implements SignerProvider {",
            "    @Override",
            "    public String name() {",
            "        return \"" + PROVIDER_NAME + "\";",
            "    }",
            "",
            "    @Override",
            "    public Signer create(Map<String, String> configuration) throws SignerException {",
            "        return SignerProviders.installed().provider(\"pkcs11\").create(configuration);",
            "    }",
            "}",
            "");

    private PluginJar() {
    }

    /**
     * Compiles the plugin in {@code work} against the modules of {@code libFolder} and writes
     * it to {@code jar}.
     */
    static void build(Path libFolder, Path work, Path jar) throws IOException {
        Path sources = work.resolve("plugin-src");
        Path classes = work.resolve("plugin-classes");
        Path providerSource = sources.resolve("com/example/signer/vendor/VendorSignerProvider.java");
        Files.createDirectories(providerSource.getParent());
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(providerSource, PROVIDER);

        runTool("javac", "--release", "17", "--module-path", libFolder.toString(), "-d", classes.toString(),
                sources.resolve("module-info.java").toString(), providerSource.toString());
        runTool("jar", "--create", "--file", jar.toString(), "-C", classes.toString(), ".");
    }

    private static void runTool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name).orElseThrow(
                () -> new IllegalStateException("the " + name + " tool is missing; the tests need a JDK"));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int status = tool.run(stream, stream, args);
            assertEquals(0, status, name + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }
}

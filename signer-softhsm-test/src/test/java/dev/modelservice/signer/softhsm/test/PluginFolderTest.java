package dev.modelservice.signer.softhsm.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelservice.signer.SignerProvider;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PKCS#11 plugin as an HSM vendor would ship it: a jar in a plugins folder, loaded by a
 * separate JVM whose module path holds only the API, found by name, and signing through
 * p11-kit.
 */
@ExtendWith(SoftHsmExtension.class)
class PluginFolderTest {
    private static final String PROBE = String.join("\n",
            "import dev.modelservice.signer.*;",
            "import java.nio.charset.StandardCharsets;",
            "import java.nio.file.Path;",
            "import java.security.Signature;",
            "import java.util.HashMap;",
            "import java.util.Map;",
            "",
            "public class Probe {",
            "    public static void main(String[] args) throws Exception {",
            "        SignerProviders providers = SignerProviders.load(Path.of(args[0]));",
            "        SignerProvider provider = providers.provider(args[1]);",
            "        Module module = provider.getClass().getModule();",
            "        System.out.println(\"module=\" + module.getName());",
            "        System.out.println(\"boot layer=\" + (module.getLayer() == ModuleLayer.boot()));",
            "        Map<String, String> settings = new HashMap<>();",
            "        for (int i = 2; i + 1 < args.length; i += 2) {",
            "            settings.put(args[i], args[i + 1]);",
            "        }",
            "        try (Signer signer = provider.create(settings)) {",
            "            signer.start();",
            "            SigningKey key = signer.generateKey(\"plugin-key\", 2048);",
            "            byte[] data = \"from the plugins folder\".getBytes(StandardCharsets.UTF_8);",
            "            Signature verifier = Signature.getInstance(\"SHA512withRSA\");",
            "            verifier.initVerify(key.publicKey());",
            "            verifier.update(data);",
            "            System.out.println(\"verified=\" + verifier.verify(signer.sign(key.handle(), data)));",
            "        }",
            "        try {",
            "            providers.provider(\"no-such-provider\");",
            "        } catch (SignerException e) {",
            "            System.out.println(\"error=\" + e.getMessage());",
            "        }",
            "    }",
            "}",
            "");

    @TempDir
    Path work;

    @Test
    void pluginJarIsFoundByName(SoftHsm hsm) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        buildJar(location("dev.modelservice.signer.pkcs11"), plugins.resolve("model-service-signer-pkcs11.jar"));
        Files.copy(location("ipkcs11wrapper"), plugins.resolve("ipkcs11wrapper.jar"));

        String output = runProbe(plugins, hsm.signerSettings());

        assertTrue(output.contains("module=dev.modelservice.signer.pkcs11\n"), output);
        assertTrue(output.contains("boot layer=false\n"), output);
        assertTrue(output.contains("verified=true\n"), output);
        assertTrue(output.contains("providers found: pkcs11."), output);
    }

    /** Returns the jar or class folder that the test JVM loaded {@code module} from. */
    private static Path location(String module) {
        URI uri = ModuleLayer.boot().configuration().findModule(module).orElseThrow(
                () -> new IllegalStateException(module + " is not on the test's module path"))
                .reference().location().orElseThrow();
        return Path.of(uri);
    }

    /** Packs a class folder with the JDK's jar tool, or copies a jar that Maven already packed. */
    private static void buildJar(Path classes, Path jar) throws IOException {
        if (!Files.isDirectory(classes)) {
            Files.copy(classes, jar);
            return;
        }
        ToolProvider jarTool = ToolProvider.findFirst("jar").orElseThrow(
                () -> new IllegalStateException("the jar tool is missing; the tests need a JDK"));
        int status = jarTool.run(System.out, System.err, "--create", "--file", jar.toString(), "-C",
                classes.toString(), ".");
        assertEquals(0, status, "jar --create failed");
    }

    private String runProbe(Path plugins, Map<String, String> settings) throws Exception {
        Path probe = Files.writeString(work.resolve("Probe.java"), PROBE);
        Path output = work.resolve("probe.log");
        String modulePath = location("dev.modelservice.api") + File.pathSeparator + location("org.slf4j");

        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--add-modules", "dev.modelservice.api",
                probe.toString(), plugins.toString(), "pkcs11"));
        settings.forEach((key, value) -> {
            command.add(key);
            command.add(value);
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the probe JVM did not finish within 120 s:\n" + Files.readString(output));
        }
        String text = Files.readString(output);
        assertEquals(0, process.exitValue(), text);
        return text;
    }

    @Test
    void providerIsOnTestModulePath() throws Exception {
        SignerProvider provider = dev.modelservice.signer.SignerProviders.installed().provider("pkcs11");

        assertEquals("dev.modelservice.signer.pkcs11", provider.getClass().getModule().getName());
    }
}

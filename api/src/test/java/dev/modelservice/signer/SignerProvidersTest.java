package dev.modelservice.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerProvidersTest {
    @TempDir
    Path work;

    private Path plugins() throws IOException {
        return Files.createDirectories(work.resolve("plugins"));
    }

    private Path modularPlugin(Path folder, String module, String providerName) throws IOException {
        String packageName = "example." + module.replace('.', '_');
        return PluginJars.build(work, folder.resolve(module + ".jar"), Map.of(
                "module-info.java", "module " + module + " {\n"
                        + "    requires dev.modelservice.api;\n"
                        + "    provides dev.modelservice.signer.SignerProvider with " + packageName + ".ExampleProvider;\n"
                        + "}\n",
                "ExampleProvider.java", PluginJars.providerSource(packageName, "ExampleProvider", providerName, "", "")),
                Map.of(), List.of());
    }

    private Path plainPlugin(Path folder, String jarName, String packageName, String providerName)
            throws IOException {
        return PluginJars.build(work, folder.resolve(jarName), Map.of(
                "ExampleProvider.java", PluginJars.providerSource(packageName, "ExampleProvider", providerName, "", "")),
                Map.of("META-INF/services/dev.modelservice.signer.SignerProvider", packageName + ".ExampleProvider\n"),
                List.of());
    }

    @Test
    void modularPluginLoadsIntoOwnLayer() throws Exception {
        Path folder = plugins();
        modularPlugin(folder, "example.modular", "modular-example");

        SignerProvider provider = SignerProviders.load(folder).provider("modular-example");

        Module module = provider.getClass().getModule();
        assertEquals("example.modular", module.getName());
        assertNotSame(ModuleLayer.boot(), module.getLayer());
    }

    @Test
    void plainPluginLoadsFromClassPath() throws Exception {
        Path folder = plugins();
        plainPlugin(folder, "plain.jar", "example.plain", "plain-example");

        SignerProvider provider = SignerProviders.load(folder).provider("plain-example");

        assertTrue(!provider.getClass().getModule().isNamed(), "a plain jar's provider is in an unnamed module");
    }

    @Test
    void modularPluginUsesPlainDependency() throws Exception {
        Path folder = plugins();
        Path helper = PluginJars.build(work, folder.resolve("example-helper.jar"), Map.of(
                "Helper.java", "package example.helper;\npublic class Helper { public static void touch() { } }\n"),
                Map.of(), List.of());
        PluginJars.build(work, folder.resolve("example.dependent.jar"), Map.of(
                "module-info.java", "module example.dependent {\n"
                        + "    requires dev.modelservice.api;\n"
                        + "    requires example.helper;\n"
                        + "    provides dev.modelservice.signer.SignerProvider with example.dependent.ExampleProvider;\n"
                        + "}\n",
                "ExampleProvider.java", PluginJars.providerSource("example.dependent", "ExampleProvider",
                        "dependent-example", "import example.helper.Helper;\n", "Helper.touch();")),
                Map.of(), List.of(helper));

        SignerProvider provider = SignerProviders.load(folder).provider("dependent-example");

        assertEquals("dependent-example", provider.name());
        assertTrue(provider.getClass().getModule().getLayer().findModule("example.helper").isPresent(),
                "the automatic module the plugin requires is in the plugin's layer");
    }

    @Test
    void strayApiCopyInFolderIsIgnored() throws Exception {
        Path folder = plugins();
        modularPlugin(folder, "example.modular", "modular-example");
        Path api = PluginJars.apiLocation();
        if (Files.isDirectory(api)) {
            PluginJars.pack(api, folder.resolve("model-service-api.jar"));
        } else {
            Files.copy(api, folder.resolve("model-service-api.jar"));
        }

        SignerProvider provider = SignerProviders.load(folder).provider("modular-example");

        assertEquals(SignerProvider.class.getModule(),
                provider.getClass().getModule().getLayer().findModule("dev.modelservice.api").orElseThrow());
    }

    @Test
    void unknownNameListsNamesFound() throws Exception {
        Path folder = plugins();
        modularPlugin(folder, "example.modular", "modular-example");
        plainPlugin(folder, "plain.jar", "example.plain", "plain-example");
        SignerProviders providers = SignerProviders.load(folder);

        SignerException error = assertThrows(SignerException.class, () -> providers.provider("hsm-vendor"));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("\"hsm-vendor\""), error.getMessage());
        assertTrue(error.getMessage().contains("providers found: modular-example, plain-example"), error.getMessage());
    }

    @Test
    void namesAreSorted() throws Exception {
        Path folder = plugins();
        plainPlugin(folder, "b.jar", "example.b", "zeta");
        plainPlugin(folder, "a.jar", "example.a", "alpha");

        assertEquals(List.of("alpha", "zeta"), List.copyOf(SignerProviders.load(folder).names()));
    }

    @Test
    void duplicateNameIsRejected() throws Exception {
        Path folder = plugins();
        plainPlugin(folder, "one.jar", "example.one", "same-name");
        plainPlugin(folder, "two.jar", "example.two", "same-name");

        SignerException error = assertThrows(SignerException.class, () -> SignerProviders.load(folder));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains("Two signer providers are named \"same-name\""), error.getMessage());
    }

    @Test
    void missingFolderIsConfigurationError() {
        Path missing = work.resolve("no-such-folder");

        SignerException error = assertThrows(SignerException.class, () -> SignerProviders.load(missing));

        assertEquals(SignerException.Kind.CONFIGURATION, error.kind());
        assertTrue(error.getMessage().contains(missing.toString()), error.getMessage());
    }

    @Test
    void emptyFolderFindsNoProvider() throws Exception {
        assertEquals(Set.of(), SignerProviders.load(plugins()).names());
    }

    @Test
    void unreadableJarIsConfigurationError() throws Exception {
        Path folder = plugins();
        Files.write(folder.resolve("broken.jar"), PluginJars.utf8("not a zip file"));

        SignerException error = assertThrows(SignerException.class, () -> SignerProviders.load(folder));

        assertTrue(error.getMessage().contains("broken.jar"), error.getMessage());
    }
}

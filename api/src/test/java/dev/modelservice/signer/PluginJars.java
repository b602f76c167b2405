package dev.modelservice.signer;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/** Compiles Java sources with the JDK's compiler and packs the classes into a jar, for plugin-loading tests. */
final class PluginJars {
    private PluginJars() {
    }

    /** Returns where the API's classes are: a folder or a jar, to compile plugins against. */
    static Path apiLocation() {
        try {
            return Path.of(SignerProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles {@code sources} (file name to text) against the API and the jars on
     * {@code modulePath}, and writes the classes and {@code resources} to {@code jar}.
     */
    static Path build(Path workFolder, Path jar, Map<String, String> sources, Map<String, String> resources,
            List<Path> modulePath) throws IOException {
        Path sourceFolder = Files.createTempDirectory(workFolder, "src");
        Path classFolder = Files.createTempDirectory(workFolder, "classes");
        List<String> arguments = new ArrayList<>(List.of("-d", classFolder.toString(), "--release", "17"));
        boolean modular = sources.containsKey("module-info.java");
        String path = Stream.concat(Stream.of(apiLocation()), modulePath.stream())
                .map(Path::toString)
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        arguments.add(modular ? "--module-path" : "-classpath");
        arguments.add(path);
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceFolder.resolve(source.getKey());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }

        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(
                () -> new IllegalStateException("javac not found; the tests need a JDK, not a JRE"));
        int status = javac.run(System.out, System.err, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("javac failed with status " + status + " on " + sources.keySet());
        }
        for (Map.Entry<String, String> resource : resources.entrySet()) {
            Path file = classFolder.resolve(resource.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, resource.getValue());
        }
        return pack(classFolder, jar);
    }

    /** Packs the files under {@code folder} into {@code jar}. */
    static Path pack(Path folder, Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String name = folder.relativize(file).toString().replace(File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jarOut.putNextEntry(new JarEntry(name));
                jarOut.write(Files.readAllBytes(file));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** Returns the source of a provider class named {@code className} in {@code packageName} whose name() is {@code providerName}. */
    static String providerSource(String packageName, String className, String providerName, String extraImport,
            String extraCall) {
        return "package " + packageName + ";\n"
                + extraImport
                + "import dev.modelservice.signer.*;\n"
                + "import java.util.Map;\n"
                + "public class " + className + " implements SignerProvider {\n"
                + "    public String name() { " + extraCall + " return \"" + providerName + "\"; }\n"
                + "    public Signer create(Map<String, String> configuration) throws SignerException {\n"
                + "        throw new SignerException(SignerException.Kind.CONFIGURATION, \"example plugin: no signer\");\n"
                + "    }\n"
                + "}\n";
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

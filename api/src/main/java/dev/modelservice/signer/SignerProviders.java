package dev.modelservice.signer;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signer providers that the service itself contains and those of the jars in a
 * plugins folder, by name.
 *
 * <p>Modular jars (with a {@code module-info.class}) of the folder go into a new module
 * layer above the boot layer, together with the plain jars they require as automatic
 * modules. The remaining plain jars go on a class path of their own. A module that the
 * service already contains is taken from the service, so that a stray copy of this API
 * in the folder cannot hide it.
 */
public final class SignerProviders {
    private static final Logger LOG = LoggerFactory.getLogger(SignerProviders.class);

    private final SortedMap<String, SignerProvider> providersByName;
    private final String searched;

    private SignerProviders(SortedMap<String, SignerProvider> providersByName, String searched) {
        this.providersByName = providersByName;
        this.searched = searched;
    }

    /** Finds the providers that the service's own module path and class path contain. */
    public static SignerProviders installed() throws SignerException {
        List<ServiceLoader.Provider<SignerProvider>> found =
                ServiceLoader.load(SignerProvider.class).stream().collect(Collectors.toList());
        return new SignerProviders(byName(instantiate(found)), "the service itself");
    }

    /**
     * Loads the jars of {@code pluginFolder} and finds the providers they and the service
     * contain.
     *
     * @throws SignerException {@code CONFIGURATION} when the folder is missing, a jar is
     *     unreadable, the modular jars' dependencies are unresolved, or two providers have
     *     the same name
     */
    public static SignerProviders load(Path pluginFolder) throws SignerException {
        ModuleLayer bootLayer = ModuleLayer.boot();
        ClassLoader parentLoader = SignerProvider.class.getClassLoader();
        Map<Path, ModuleReference> jars = describeJars(pluginFolder, bootLayer);

        ModuleLayer layer = defineLayer(pluginFolder, jars, bootLayer, parentLoader);
        Set<URI> inLayer = layer == bootLayer ? Set.of() : layer.configuration().modules().stream()
                .map(module -> module.reference().location().orElseThrow())
                .collect(Collectors.toSet());
        List<Path> classPath = jars.keySet().stream()
                .filter(jar -> !inLayer.contains(jar.toUri()))
                .collect(Collectors.toList());

        List<ServiceLoader.Provider<SignerProvider>> found = new ArrayList<>();
        ServiceLoader.load(layer, SignerProvider.class).stream().forEach(found::add);
        ServiceLoader.load(SignerProvider.class, parentLoader).stream().forEach(found::add);
        if (!classPath.isEmpty()) {
            ClassLoader loader = new URLClassLoader(
                    "signer-plugins", toUrls(classPath), parentLoader);
            ServiceLoader.load(SignerProvider.class, loader).stream().forEach(found::add);
        }

        LOG.info("Loaded signer plugins from {}: {} jars in a module layer, {} on the class path",
                pluginFolder, inLayer.size(), classPath.size());
        return new SignerProviders(
                byName(instantiate(found)), "plugins folder " + pluginFolder + " and the service itself");
    }

    /** Returns the names of the providers found, sorted. */
    public Set<String> names() {
        return providersByName.keySet();
    }

    /**
     * Returns the provider named {@code name}.
     *
     * @throws SignerException {@code CONFIGURATION} naming the providers found, when none has
     *     that name
     */
    public SignerProvider provider(String name) throws SignerException {
        SignerProvider provider = providersByName.get(name);
        if (provider == null) {
            throw new SignerException(SignerException.Kind.CONFIGURATION,
                    "No signer provider is named \"" + name + "\" in " + searched
                            + "; providers found: " + describeNames()
                            + ". Use one of these names or add the plugin's jar to the plugins folder.");
        }
        return provider;
    }

    @Override
    public String toString() {
        return "SignerProviders" + providersByName.keySet() + " from " + searched;
    }

    private String describeNames() {
        return providersByName.isEmpty() ? "none" : String.join(", ", providersByName.keySet());
    }

    /** Describes the jars of the folder as modules, leaving out those whose module the service already contains. */
    private static Map<Path, ModuleReference> describeJars(Path pluginFolder, ModuleLayer parent)
            throws SignerException {
        if (!Files.isDirectory(pluginFolder)) {
            throw new SignerException(SignerException.Kind.CONFIGURATION,
                    "Plugins folder " + pluginFolder + " is not a directory; create it or correct its path.");
        }
        List<Path> jars;
        try (Stream<Path> entries = Files.list(pluginFolder)) {
            jars = entries
                    .filter(path -> path.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new SignerException(SignerException.Kind.CONFIGURATION,
                    "Cannot list plugins folder " + pluginFolder + ": " + e.getMessage(), e);
        }

        Map<Path, ModuleReference> described = new LinkedHashMap<>();
        for (Path jar : jars) {
            ModuleReference reference = describe(jar);
            String name = reference.descriptor().name();
            if (parent.findModule(name).isPresent()) {
                LOG.info("Ignoring {} in the plugins folder: the service already contains module {}", jar, name);
                continue;
            }
            described.put(jar, reference);
        }
        return described;
    }

    private static ModuleLayer defineLayer(
            Path pluginFolder, Map<Path, ModuleReference> jars, ModuleLayer parent, ClassLoader parentLoader)
            throws SignerException {
        List<String> roots = jars.values().stream()
                .filter(reference -> !reference.descriptor().isAutomatic())
                .map(reference -> reference.descriptor().name())
                .collect(Collectors.toList());
        if (roots.isEmpty()) {
            return parent;
        }

        // The folder is the "after" finder, so modules of the parent layer win over copies in the folder.
        ModuleFinder folder = ModuleFinder.of(jars.keySet().toArray(Path[]::new));
        try {
            Configuration configuration =
                    parent.configuration().resolve(ModuleFinder.of(), folder, roots);
            return parent.defineModulesWithOneLoader(configuration, parentLoader);
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new SignerException(SignerException.Kind.CONFIGURATION,
                    "Cannot load the modular plugins " + roots + " of " + pluginFolder + ": "
                            + e.getMessage() + ". Add the jars they require to the folder.", e);
        }
    }

    private static ModuleReference describe(Path jar) throws SignerException {
        try {
            return ModuleFinder.of(jar).findAll().stream().findFirst().orElseThrow(
                    () -> new FindException("no module found in " + jar));
        } catch (FindException e) {
            throw new SignerException(SignerException.Kind.CONFIGURATION,
                    "Cannot read plugin jar " + jar + ": " + e.getMessage()
                            + ". Remove it from the plugins folder or replace it with a valid jar.", e);
        }
    }

    private static URL[] toUrls(List<Path> jars) throws SignerException {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new SignerException(SignerException.Kind.CONFIGURATION,
                        "Invalid plugin jar path " + jars.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    private static List<SignerProvider> instantiate(List<ServiceLoader.Provider<SignerProvider>> found)
            throws SignerException {
        Map<Class<?>, SignerProvider> byType = new LinkedHashMap<>();
        for (ServiceLoader.Provider<SignerProvider> candidate : found) {
            if (byType.containsKey(candidate.type())) {
                continue;
            }
            try {
                byType.put(candidate.type(), candidate.get());
            } catch (ServiceConfigurationError e) {
                throw new SignerException(SignerException.Kind.CONFIGURATION,
                        "Cannot create signer provider " + candidate.type().getName() + ": " + e.getMessage(), e);
            }
        }
        return new ArrayList<>(byType.values());
    }

    private static SortedMap<String, SignerProvider> byName(List<SignerProvider> providers)
            throws SignerException {
        SortedMap<String, SignerProvider> byName = new TreeMap<>();
        for (SignerProvider provider : providers) {
            SignerProvider other = byName.putIfAbsent(provider.name(), provider);
            if (other != null) {
                throw new SignerException(SignerException.Kind.CONFIGURATION,
                        "Two signer providers are named \"" + provider.name() + "\": "
                                + origin(other) + " and " + origin(provider)
                                + ". Remove one of their jars from the plugins folder.");
            }
        }
        return byName;
    }

    private static String origin(SignerProvider provider) {
        Class<?> type = provider.getClass();
        var source = type.getProtectionDomain().getCodeSource();
        return type.getName() + (source == null ? "" : " (" + source.getLocation() + ")");
    }
}

package io.evalbatch.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

import org.jspecify.annotations.Nullable;

/** Where a class was loaded from, as people name it: the jar's path, or evalbatch for its own. */
public final class PluginJars {

    private PluginJars() {
    }

    public static String of(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (type.getName().startsWith("io.evalbatch.") || source == null || source.getLocation() == null) {
            return "evalbatch";
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    /**
     * Where the class of this name would load from, without loading it (a plugin's class may not
     * link against this evalbatch).
     */
    public static String of(String className, @Nullable ClassLoader loader) {
        java.net.URL resource = loader == null ? null : loader.getResource(className.replace('.', '/') + ".class");
        if (className.startsWith("io.evalbatch.") || resource == null) {
            return "evalbatch";
        }
        try {
            java.net.URLConnection connection = resource.openConnection();
            java.net.URL location = connection instanceof java.net.JarURLConnection jar ? jar.getJarFileURL() : resource;
            return Path.of(location.toURI()).toString();
        } catch (java.io.IOException | URISyntaxException | IllegalArgumentException e) {
            return resource.toString();
        }
    }

    /**
     * What to add when a job names a {@code kind} ("filter", "format") that nothing loaded provides:
     * where a plugin's would have come from.
     */
    public static String noneProvides(String kind) {
        String plugins = System.getenv("EVALBATCH_PLUGINS");
        return plugins == null || plugins.isBlank()
                ? "a plugin's " + kind + " needs its jar in EVALBATCH_PLUGINS, which is not set"
                : "none of the plugins in EVALBATCH_PLUGINS (" + plugins + ") provides it";
    }
}

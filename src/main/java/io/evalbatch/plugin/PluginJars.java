package io.evalbatch.plugin;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

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

package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Map;

/** Resolves the directory that holds the embedded database when none is configured. */
final class HomeDirectory {

    private HomeDirectory() {
    }

    static Path resolve(@Nullable Path configured, Map<String, String> environment) {
        if (configured != null) {
            return configured.toAbsolutePath();
        }
        String explicit = environment.get("EVALBATCH_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank()
                ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("evalbatch").toAbsolutePath();
    }
}

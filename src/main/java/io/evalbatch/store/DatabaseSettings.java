package io.evalbatch.store;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where evalbatch keeps its data.
 *
 * @param url      JDBC URL of an external PostgreSQL ({@code EVALBATCH_DB_URL}); when empty an
 *                 embedded PostgreSQL is started
 * @param user     user for {@code url} ({@code EVALBATCH_DB_USER})
 * @param password password for {@code url} ({@code EVALBATCH_DB_PASSWORD})
 * @param home     directory of the embedded database ({@code EVALBATCH_HOME}); defaults to
 *                 {@code $XDG_DATA_HOME/evalbatch} or {@code ~/.local/share/evalbatch}
 */
@ConfigurationProperties("evalbatch.db")
public record DatabaseSettings(String url, String user, String password, Path home) {

    public boolean external() {
        return url != null && !url.isBlank();
    }
}

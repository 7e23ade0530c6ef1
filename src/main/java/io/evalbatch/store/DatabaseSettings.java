package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where evalbatch keeps its data.
 *
 * @param url      JDBC URL of an external PostgreSQL ({@code EVALBATCH_DB_URL}, or else
 *                 {@code spring.datasource.url}); when neither is set an embedded PostgreSQL is started
 * @param user     user for {@code url} ({@code EVALBATCH_DB_USER})
 * @param password password for {@code url} ({@code EVALBATCH_DB_PASSWORD})
 * @param home     directory of the embedded database ({@code EVALBATCH_HOME}); defaults to
 *                 {@code $XDG_DATA_HOME/evalbatch} or {@code ~/.local/share/evalbatch}
 * @param port     port of the embedded database ({@code EVALBATCH_DB_PORT}); null for a free one
 * @param outageLimit how long a run goes on while its database is unreachable before it ends
 *                 ({@code EVALBATCH_DB_OUTAGE_LIMIT})
 * @param readerUser role that {@code sql} without {@code --write} and {@code serve} connect to
 *                 {@code url} as ({@code EVALBATCH_DB_READER_USER}); on the embedded database always
 *                 {@code evalbatch_reader}; when not set for an external one, they connect as
 *                 {@code user}, in read-only transactions
 * @param readerPassword password of {@code readerUser} ({@code EVALBATCH_DB_READER_PASSWORD})
 * @param readOnly whether this process only reads, and so connects as the reader: set by the
 *                 commands that do, not by people
 */
@ConfigurationProperties("evalbatch.db")
public record DatabaseSettings(@Nullable String url, @Nullable String user, @Nullable String password,
                               @Nullable Path home, @Nullable Integer port,
                               @DefaultValue("30s") Duration outageLimit, @Nullable String readerUser,
                               @Nullable String readerPassword, boolean readOnly) {

    /** The role the embedded database's migrations create for reading (db/migration/V21). */
    public static final String EMBEDDED_READER = "evalbatch_reader";

    public DatabaseSettings {
        if (port != null && (port < 1 || port > 65535)) {
            throw new IllegalArgumentException("EVALBATCH_DB_PORT must be a port from 1 to 65535, not " + port);
        }
        if (outageLimit == null || outageLimit.isNegative() || outageLimit.isZero()) {
            throw new IllegalArgumentException("EVALBATCH_DB_OUTAGE_LIMIT must be positive, not " + outageLimit);
        }
    }

    public boolean external() {
        return url != null && !url.isBlank();
    }

    /** The external database's JDBC URL; only when {@link #external()}. */
    public String externalUrl() {
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no external database is configured");
        }
        return url;
    }

    /** These settings, or Spring's standard datasource properties where evalbatch's are not set. */
    public DatabaseSettings orSpringDatasource(@Nullable String springUrl, @Nullable String springUser,
                                               @Nullable String springPassword) {
        if (external() || springUrl == null || springUrl.isBlank()) {
            return this;
        }
        return new DatabaseSettings(springUrl, springUser, springPassword, home, port, outageLimit, readerUser,
                readerPassword, readOnly);
    }
}

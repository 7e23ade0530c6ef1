package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.flyway.autoconfigure.FlywayDataSource;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.core.env.Environment;

/**
 * The one data source of evalbatch: an external PostgreSQL when {@code EVALBATCH_DB_URL} (or
 * Spring's {@code spring.datasource.url}) is set, otherwise the embedded one. The job repository,
 * Flyway and all evaluation tables share it, so results and restart bookkeeping commit in the
 * same transaction.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseSettings settings, Environment environment) {
        DatabaseSettings resolved = resolve(settings, environment);
        if (resolved.external()) {
            return new EmbeddedDatabaseHolder(null);
        }
        return new EmbeddedDatabaseHolder(EmbeddedDatabase.start(HomeDirectory.resolve(resolved.home(), System.getenv()),
                resolved.port()));
    }

    /**
     * Takes the embedded server as a parameter so that the pool closes before the server stops. In
     * a process that only reads ({@code sql} without {@code --write}, {@code serve}) it connects as
     * the reader role, so that no query can write, read the server's files or run programs there,
     * whatever it does to its transaction.
     */
    @Bean(destroyMethod = "close")
    @Primary
    DataSource dataSource(DatabaseSettings settings, Environment environment, EmbeddedDatabaseHolder embedded) {
        DatabaseSettings resolved = resolve(settings, environment);
        HikariConfig config = new HikariConfig();
        config.setPoolName("evalbatch");
        if (resolved.external()) {
            config.setJdbcUrl(resolved.externalUrl());
            config.setUsername(resolved.user());
            config.setPassword(resolved.password());
        } else {
            config.setJdbcUrl(embedded.running().jdbcUrl());
            config.setUsername("postgres");
        }
        reader(resolved).ifPresent(reader -> {
            config.setJdbcUrl(DatabaseLocation.withoutCredentials(config.getJdbcUrl()));
            config.setUsername(reader.user());
            config.setPassword(reader.password());
            // The role exists once the migrations ran, which is after this pool is made.
            config.setInitializationFailTimeout(-1);
            config.setReadOnly(true);
        });
        // Partitions each hold a connection for their chunk transaction, plus the progress line,
        // the metrics reader and the job repository.
        config.setMaximumPoolSize(40);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "evalbatch");
        return new HikariDataSource(config);
    }

    /**
     * Flyway's own connection as the owner of evalbatch's tables, where the process itself
     * connects as the reader: the migrations must still run, and they create the reader.
     */
    @Bean(defaultCandidate = false)
    @FlywayDataSource
    @Nullable DataSource migrationDataSource(DatabaseSettings settings, Environment environment,
                                             EmbeddedDatabaseHolder embedded) {
        DatabaseSettings resolved = resolve(settings, environment);
        if (reader(resolved).isEmpty()) {
            return null;
        }
        SimpleDriverDataSource owner = new SimpleDriverDataSource();
        owner.setDriver(new org.postgresql.Driver());
        owner.setUrl(resolved.external() ? resolved.externalUrl() : embedded.running().jdbcUrl());
        String user = resolved.external() ? resolved.user() : "postgres";
        if (user != null) {
            owner.setUsername(user);
        }
        String password = resolved.password();
        if (resolved.external() && password != null) {
            owner.setPassword(password);
        }
        return owner;
    }

    private record Reader(String user, @Nullable String password) {
    }

    private static java.util.Optional<Reader> reader(DatabaseSettings settings) {
        if (!settings.readOnly()) {
            return java.util.Optional.empty();
        }
        if (!settings.external()) {
            return java.util.Optional.of(new Reader(DatabaseSettings.EMBEDDED_READER, null));
        }
        String user = settings.readerUser();
        return user == null || user.isBlank() ? java.util.Optional.empty()
                : java.util.Optional.of(new Reader(user, settings.readerPassword()));
    }

    /** Where this process connects, and as whom: the reader too, for psql opened by {@code sql} without {@code --write}. */
    @Bean
    DatabaseLocation databaseLocation(DatabaseSettings settings, Environment environment,
                                      EmbeddedDatabaseHolder embedded) {
        DatabaseSettings resolved = resolve(settings, environment);
        java.util.Optional<Reader> reader = reader(resolved);
        if (reader.isPresent()) {
            String url = DatabaseLocation.withoutCredentials(resolved.external() ? resolved.externalUrl()
                    : embedded.running().jdbcUrl());
            return new DatabaseLocation(url, reader.get().user(), reader.get().password(), !resolved.external());
        }
        return resolved.external() ? new DatabaseLocation(resolved.externalUrl(), resolved.user(), resolved.password(), false)
                : new DatabaseLocation(embedded.running().jdbcUrl(), "postgres", null, true);
    }

    private static DatabaseSettings resolve(DatabaseSettings settings, Environment environment) {
        return settings.orSpringDatasource(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"));
    }

    /** Lets the data source depend on the embedded server's lifetime even when there is none. */
    record EmbeddedDatabaseHolder(@Nullable EmbeddedDatabase database) implements AutoCloseable {

        /** The embedded server, which there is whenever no external database is configured. */
        EmbeddedDatabase running() {
            if (database == null) {
                throw new IllegalStateException("no embedded database: an external one is configured");
            }
            return database;
        }

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}

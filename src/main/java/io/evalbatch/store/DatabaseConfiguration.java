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
        DatabaseLocation login = login(resolved, embedded);
        HikariConfig config = new HikariConfig();
        config.setPoolName("evalbatch");
        config.setJdbcUrl(login.jdbcUrl());
        config.setUsername(login.user());
        config.setPassword(login.password());
        if (reads(resolved)) {
            // The role exists once the migrations ran, which is after this pool is made.
            config.setInitializationFailTimeout(-1);
            config.setReadOnly(true);
        }
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
        if (!reads(resolved)) {
            return null;
        }
        DatabaseLocation owner = owner(resolved, embedded);
        SimpleDriverDataSource source = new SimpleDriverDataSource(new org.postgresql.Driver(), owner.jdbcUrl());
        source.setUsername(owner.user());
        source.setPassword(owner.password());
        return source;
    }

    /** Where this process connects, and as whom: the reader too, for psql opened by {@code sql} without {@code --write}. */
    @Bean
    DatabaseLocation databaseLocation(DatabaseSettings settings, Environment environment,
                                      EmbeddedDatabaseHolder embedded) {
        return login(resolve(settings, environment), embedded);
    }

    /** The user that owns evalbatch's tables and migrates them. */
    private static DatabaseLocation owner(DatabaseSettings settings, EmbeddedDatabaseHolder embedded) {
        return settings.external() ? new DatabaseLocation(settings.externalUrl(), settings.user(), settings.password(), false)
                : new DatabaseLocation(embedded.running().jdbcUrl(), "postgres", null, true);
    }

    /** Whether this process connects as a reader: it only reads, and there is a reader to be. */
    private static boolean reads(DatabaseSettings settings) {
        String user = settings.readerUser();
        return settings.readOnly() && (!settings.external() || user != null && !user.isBlank());
    }

    /**
     * How this process logs in: as the owner, or, when it reads, as the reader role, on the
     * owner's URL less its credentials (a user in the URL would win over the pool's).
     */
    private static DatabaseLocation login(DatabaseSettings settings, EmbeddedDatabaseHolder embedded) {
        DatabaseLocation owner = owner(settings, embedded);
        if (!reads(settings)) {
            return owner;
        }
        return settings.external()
                ? new DatabaseLocation(DatabaseLocation.withoutCredentials(owner.jdbcUrl()), settings.readerUser(),
                        settings.readerPassword(), false)
                : new DatabaseLocation(DatabaseLocation.withoutCredentials(owner.jdbcUrl()),
                        DatabaseSettings.EMBEDDED_READER, null, true);
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

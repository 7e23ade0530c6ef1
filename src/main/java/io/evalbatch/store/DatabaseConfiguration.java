package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    /** Takes the embedded server as a parameter so that the pool closes before the server stops. */
    @Bean(destroyMethod = "close")
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
        // Partitions each hold a connection for their chunk transaction, plus the progress line,
        // the metrics reader and the job repository.
        config.setMaximumPoolSize(40);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "evalbatch");
        return new HikariDataSource(config);
    }

    @Bean
    DatabaseLocation databaseLocation(DatabaseSettings settings, Environment environment,
                                      EmbeddedDatabaseHolder embedded) {
        DatabaseSettings resolved = resolve(settings, environment);
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

package io.evalbatch.store;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one data source of evalbatch: an external PostgreSQL when {@code EVALBATCH_DB_URL} is set,
 * otherwise the embedded one. The job repository, Flyway and all evaluation tables share it, so
 * results and restart bookkeeping commit in the same transaction.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabaseHolder embeddedDatabase(DatabaseSettings settings) {
        if (settings.external()) {
            return new EmbeddedDatabaseHolder(null);
        }
        var home = HomeDirectory.resolve(settings.home(), System.getenv());
        log.debug("Using the embedded PostgreSQL in {}", home);
        return new EmbeddedDatabaseHolder(EmbeddedDatabase.start(home));
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseSettings settings, EmbeddedDatabaseHolder embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("evalbatch");
        if (settings.external()) {
            config.setJdbcUrl(settings.url());
            config.setUsername(settings.user());
            config.setPassword(settings.password());
        } else {
            config.setJdbcUrl(embedded.database().jdbcUrl());
            config.setUsername("postgres");
        }
        // Declared as a parameter so that the pool closes before the server stops.
        // Partitions each hold a connection for their chunk transaction, plus the progress line,
        // the metrics reader and the job repository.
        config.setMaximumPoolSize(40);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", "evalbatch");
        return new HikariDataSource(config);
    }

    /** Lets the data source depend on the embedded server's lifetime even when there is none. */
    record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {

        @Override
        public void close() {
            if (database != null) {
                database.close();
            }
        }
    }
}

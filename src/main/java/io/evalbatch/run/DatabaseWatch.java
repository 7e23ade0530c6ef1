package io.evalbatch.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.evalbatch.store.DatabaseSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Ends this process when the database stays unreachable while a run executes. Without it, every
 * step and every bookkeeping update of Spring Batch waits its full connection timeout in turn, and
 * a run whose PostgreSQL stopped would hang for many minutes. The run cannot be marked FAILED in a
 * database that is gone; it stays STARTED, and {@code restart} recovers it once the database is
 * back, as after a crash. The probe opens a connection of its own: the pool's may all be held by
 * threads waiting on the dead server.
 */
@Component
public class DatabaseWatch {

    /** The exit code the README lists for "anything else, such as an unreachable database". */
    static final int EXIT_CODE = 5;
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(2);
    private static final int PROBE_TIMEOUT_SECONDS = 5;

    private final DataSource dataSource;
    private final Duration limit;

    /** When the probe's checks began to fail (System.nanoTime), or -1 while they succeed. */
    private final AtomicLong failingSince = new AtomicLong(-1);

    public DatabaseWatch(DataSource dataSource, DatabaseSettings settings, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.limit = settings.outageLimit();
        Gauge.builder("evalbatch.database.unreachable", failingSince,
                        since -> since.get() < 0 ? 0 : (System.nanoTime() - since.get()) / 1e9)
                .description("Seconds the running run's database probe has failed for; 0 while it answers")
                .baseUnit("seconds").register(meters);
    }

    /** Watches the database until the returned handle is closed. */
    AutoCloseable during(String runId) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return () -> { };
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "database-watch");
            thread.setDaemon(true);
            return thread;
        });
        Probe probe = new Probe(runId, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        timer.scheduleWithFixedDelay(probe::check, PROBE_INTERVAL.toMillis(), PROBE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            if (timer.awaitTermination(PROBE_TIMEOUT_SECONDS * 2L, TimeUnit.SECONDS)) {
                probe.close();
            }
        };
    }

    private final class Probe {

        private final String runId;
        private final String url;
        private final Properties properties = new Properties();

        Probe(String runId, String url, String user, String password) {
            this.runId = runId;
            this.url = url;
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("connectTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("socketTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("loginTimeout", Integer.toString(PROBE_TIMEOUT_SECONDS));
            properties.setProperty("ApplicationName", "evalbatch database watch");
        }

        /**
         * One connection serves every check while it works (a new backend every 2 s would cost the
         * server a fork each time); after a failure the next check connects anew.
         */
        private @Nullable Connection connection;

        void check() {
            try {
                if (connection == null) {
                    connection = DriverManager.getConnection(url, properties);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("select 1");
                }
                failingSince.set(-1);
            } catch (SQLException e) {
                close();
                long now = System.nanoTime();
                if (failingSince.get() < 0) {
                    failingSince.set(now);
                } else if (now - failingSince.get() >= limit.toNanos()) {
                    System.err.println("evalbatch: the database " + url + " has been unreachable for "
                            + limit.toSeconds() + " s (" + e.getMessage() + "). Run " + runId
                            + " keeps every result it committed; once the database is back, continue it with: "
                            + "evalbatch restart " + runId);
                    System.err.flush();
                    Runtime.getRuntime().halt(EXIT_CODE);
                }
            }
        }

        void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // it is being given up because it failed
                }
                connection = null;
            }
        }
    }
}

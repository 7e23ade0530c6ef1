package io.evalbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL the tests run against, started once per test JVM: the server named by
 * {@code EVALBATCH_TEST_DB_URL} when set, else a Testcontainers PostgreSQL when Docker is available,
 * else an embedded PostgreSQL. Which one ran is printed once and written to
 * {@code target/test-database.txt}.
 */
public final class TestDatabase {

    private static final String READER_PASSWORD = "evalbatch-tests-reader";
    private static Connection connection;
    private static boolean readerReady;

    private TestDatabase() {
    }

    public record Connection(String url, String user, String password, String description) {

        /**
         * Spring properties that point evalbatch at this database and make the processes that only
         * read ({@code sql} without {@code --write}, {@code serve}) connect as the role
         * db/migration/V21 created, given a password here so that it can log in over TCP whatever
         * the server's authentication (Testcontainers' asks for one, the embedded server trusts).
         */
        public Map<String, Object> readerProperties() {
            readerReady();
            Map<String, Object> properties = properties();
            properties.put("evalbatch.db.reader-user", "evalbatch_reader");
            properties.put("evalbatch.db.reader-password", READER_PASSWORD);
            return properties;
        }

        /** Once per test JVM: the migrations (evalbatch's own start runs them) create the role, then its password. */
        private void readerReady() {
            synchronized (TestDatabase.class) {
                if (readerReady) {
                    return;
                }
                new io.evalbatch.cli.ApplicationContexts(properties()).open().close();
                try (java.sql.Connection owner = java.sql.DriverManager.getConnection(url, user, password);
                     java.sql.Statement statement = owner.createStatement()) {
                    statement.execute("alter role evalbatch_reader password '" + READER_PASSWORD + "'");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException("cannot give evalbatch_reader a password (did the migrations run?)", e);
                }
                readerReady = true;
            }
        }

        /** A connection as evalbatch_reader, once {@link #readerProperties()} gave it its password. */
        public java.sql.Connection asReader() throws java.sql.SQLException {
            // a user in the URL would win over the one given here
            String bare = url.replaceAll("([?&])(user|password)=[^&]*&?", "$1").replaceAll("[?&]$", "");
            return java.sql.DriverManager.getConnection(bare, "evalbatch_reader", READER_PASSWORD);
        }

        /** Spring properties that point evalbatch at this database. */
        public Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("evalbatch.db.url", url);
            properties.put("evalbatch.db.user", user);
            properties.put("evalbatch.db.password", password == null ? "" : password);
            return properties;
        }
    }

    public static synchronized Connection get() {
        if (connection == null) {
            connection = start();
            System.out.println("[evalbatch tests] database: " + connection.description());
            try {
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target", "test-database.txt"), connection.description() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return connection;
    }

    private static Connection start() {
        String url = System.getenv("EVALBATCH_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Connection(url, System.getenv("EVALBATCH_TEST_DB_USER"), System.getenv("EVALBATCH_TEST_DB_PASSWORD"),
                    "external PostgreSQL from EVALBATCH_TEST_DB_URL (" + url + ")");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            return new Connection(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                    "Testcontainers PostgreSQL (postgres:17-alpine)");
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("evalbatch-test-pg-"))
                    .setCleanDataDirectory(true)
                    .start();
            return new Connection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded PostgreSQL 17 (zonky), no Docker available");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }
}

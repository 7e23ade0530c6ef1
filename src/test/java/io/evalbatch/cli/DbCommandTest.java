package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evalbatch db keeps the embedded database up on the port asked for, where any PostgreSQL client
 * reaches the results, until it is stopped; other commands share it meanwhile, and its last user
 * stops it.
 */
@Tag("slow")
class DbCommandTest {

    @TempDir
    Path dir;

    @Test
    void theEmbeddedDatabaseServesOtherClientsUntilStopped() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Launched db = evalbatch.start("db", "--port", Integer.toString(port));
        db.awaitOut(out -> out.contains("psql:"), Duration.ofMinutes(2));
        assertThat(db.out()).contains("JDBC URL: jdbc:postgresql://localhost:" + port + "/postgres")
                .contains("psql -h localhost -p " + port + " -U postgres postgres");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "");
             ResultSet tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.views where table_name in ('run_overview', 'sample_result')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(2);
        }
        // shared: another command on this home uses the same server, which stays up after it
        Launched second = evalbatch.finish(0, "runs");
        assertThat(second.out()).contains("No runs yet");
        long postmaster = postmaster(home);
        assertThat(ProcessHandle.of(postmaster)).as("the server db started").isPresent();

        db.signal("TERM");
        db.exit(Duration.ofMinutes(1));
        // pg_ctl's wait ends when the server has removed its pid file, just before its process ends.
        long stopDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < stopDeadline) {
            Thread.sleep(50);
        }
        assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive)).as("stopped by its last user")
                .isNotEqualTo(java.util.Optional.of(true));
        assertThat(home.resolve("postgres/postmaster.pid")).doesNotExist();
        Launched after = evalbatch.finish(0, "runs");
        assertThat(after.out()).contains("No runs yet");
    }

    /** The pid of the embedded server of {@code home}, from PostgreSQL's own postmaster.pid. */
    static long postmaster(Path home) throws java.io.IOException {
        return Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
    }
}

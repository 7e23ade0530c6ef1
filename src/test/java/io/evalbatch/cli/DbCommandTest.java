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
 * reaches the results, until it is stopped; the database is then free for the next command.
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
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!db.out().contains("psql:") && System.nanoTime() < deadline && db.process().isAlive()) {
            Thread.sleep(100);
        }
        assertThat(db.out()).contains("JDBC URL: jdbc:postgresql://localhost:" + port + "/postgres")
                .contains("psql -h localhost -p " + port + " -U postgres postgres");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                "postgres", "");
             ResultSet tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.views where table_name in ('run_overview', 'sample_result')")) {
            tables.next();
            assertThat(tables.getInt(1)).isEqualTo(2);
        }
        // held: another command on this home is told so
        Launched second = evalbatch.start("runs");
        assertThat(second.exit(Duration.ofMinutes(1))).isEqualTo(4);
        assertThat(second.err()).contains("is in use by another evalbatch process");

        db.signal("TERM");
        db.exit(Duration.ofMinutes(1));
        Launched after = evalbatch.finish(0, "runs");
        assertThat(after.out()).contains("No runs yet");
    }
}

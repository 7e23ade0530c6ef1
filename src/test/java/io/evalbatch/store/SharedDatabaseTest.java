package io.evalbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every evalbatch process on one home shares its embedded server, as separate JVMs: a run is
 * listed and queried by other processes while it scores, a second run scores beside it with the
 * results it has alone, the process that started the server can be killed without stopping the
 * others, and when the last process ends no server is left.
 */
@Tag("slow")
class SharedDatabaseTest {

    private static final int SAMPLES = 40 * 8;

    @TempDir
    Path dir;

    @Test
    void runsAreWatchedAndScoredSideBySideAndTheLastProcessStopsTheServer() throws Exception {
        Path home = dir.resolve("home");
        Path job = job();
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);

        Launched first = evalbatch.start("run", job.toString(), "--id", "first");
        first.awaitScored(40, Duration.ofMinutes(2));
        Launched second = evalbatch.start("run", job.toString(), "--id", "second");
        // Other commands while both run: listed, queried.
        assertThat(evalbatch.listed("first").get("status").stringValue()).isEqualTo("STARTED");
        Launched sql = evalbatch.finish(0, "sql", "select count(*) > 0 as scoring from result where run_id = 'first'",
                "--format", "csv");
        assertThat(sql.out()).contains("true");
        first.finish(0);
        second.finish(0);
        evalbatch.finish(0, "run", job.toString(), "--id", "alone");

        try (EmbeddedDatabase database = EmbeddedDatabase.start(home)) {
            RunQueries q = new RunQueries(JdbcClient.create(
                    new DriverManagerDataSource(database.jdbcUrl(), "postgres", "")));
            assertThat(q.results("first")).hasSize(SAMPLES).isEqualTo(q.results("alone"));
            assertThat(q.results("second")).isEqualTo(q.results("alone"));
        }
        assertNoServer(home);
    }

    @Test
    void theProcessThatStartedTheServerIsKilledAndTheOthersGoOn() throws Exception {
        Path home = dir.resolve("home");
        Path job = job();
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);

        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Launched starter = evalbatch.start("db", "--port", Integer.toString(port));
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!starter.out().contains("psql:") && starter.process().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(starter.out()).as(starter.err()).contains("psql:");
        long server = postmaster(home);
        Launched run = evalbatch.start("run", job.toString(), "--id", "survivor");
        run.awaitScored(40, Duration.ofMinutes(2));
        starter.process().destroyForcibly();   // SIGKILL of the process that started the server
        assertThat(starter.exit(Duration.ofSeconds(30))).isEqualTo(137);
        assertThat(ProcessHandle.of(server).map(ProcessHandle::isAlive)).contains(true);

        run.finish(0);
        evalbatch.finish(0, "run", job.toString(), "--id", "undisturbed");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home)) {
            RunQueries q = new RunQueries(JdbcClient.create(
                    new DriverManagerDataSource(database.jdbcUrl(), "postgres", "")));
            assertThat(q.results("survivor")).hasSize(SAMPLES).isEqualTo(q.results("undisturbed"));
        }
        assertNoServer(home);
    }

    /** 320 samples of a scorer that takes 60 ms each: seconds of scoring, with outcomes fixed by content. */
    private Path job() {
        SamplesFiles.humanEval(dir, 40, 8);
        return SamplesFiles.job(dir, """
                name: shared
                input: {format: human-eval, files: [samples-40x8.jsonl]}
                filter: {name: test, pass-rate: 0.4, latency-ms: 60}
                execution: {partitions: 2, threads: 2, chunk: 10, cache: false}
                metrics: {pass-at-k: [1], mean: true}
                """);
    }

    private static long postmaster(Path home) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Path pid = home.resolve("postgres/postmaster.pid");
        while (!Files.exists(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return Long.parseLong(Files.readAllLines(pid).get(0).trim());
    }

    private static void assertNoServer(Path home) throws Exception {
        Path pid = home.resolve("postgres/postmaster.pid");
        Optional<Boolean> alive = Files.exists(pid)
                ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())).map(ProcessHandle::isAlive)
                : Optional.empty();
        assertThat(alive).as("a postgres left running on " + home).isNotEqualTo(Optional.of(true));
    }
}

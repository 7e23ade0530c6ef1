package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL stopped while a run scores: evalbatch must end within a bounded time with a message
 * that says the database is unreachable, and once PostgreSQL is back {@code restart} finishes the
 * run with nothing lost. The server here is one of its own, so stopping it hurts no other test.
 */
class DatabaseOutageTest {


    @TempDir
    Path dir;

    @Test
    void runFailsPromptlyWhenPostgresStopsAndRestartFinishesItOnceItIsBack() throws IOException {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        EmbeddedPostgres postgres = start(data, port);
        String url = postgres.getJdbcUrl("postgres", "postgres");

        LedgerSimulator simulator = LedgerSimulator.write(dir, 10);
        LedgerSimulator.samples(dir, "outage", 400);
        Path job = SamplesFiles.job(dir, """
                name: outage
                input: {format: lm-eval, files: [samples_outage_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 4, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1, 2]}
                """.formatted(simulator.filterYaml().strip()));
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onDatabase(dir, url, "postgres", "");
        Map<String, String> shortLimit = Map.of("EVALBATCH_DB_OUTAGE_LIMIT", "10s");

        Launched run = evalbatch.start(shortLimit, "run", job.toString(), "--id", "outage");
        run.awaitScored(100, Duration.ofMinutes(2));
        long stoppedAt = System.nanoTime();
        postgres.close();
        int exit = run.exit(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - stoppedAt) / 1e9;
        System.out.printf("evalbatch ended %.1f s after PostgreSQL stopped, exit code %d%n", seconds, exit);
        assertThat(exit).as(run.err()).isNotZero();
        assertThat(seconds).as("time to fail after the database stopped").isBetween(10.0, 30.0);
        assertThat(run.err()).contains("has been unreachable for 10 s").contains("evalbatch restart outage");

        postgres = start(data, port);
        try {
            Launched restart = evalbatch.finish(0, "restart", "outage");
            evalbatch.finish(0, "run", job.toString(), "--id", "clean");
            RunQueries runs = new RunQueries(JdbcClient.create(new DriverManagerDataSource(url, "postgres", "")));
            assertThat(runs.results("outage")).hasSize(800).isEqualTo(runs.results("clean"));
            assertThat(runs.distinctResults("outage")).isEqualTo(800);
            assertThat(runs.metrics("outage")).isNotEmpty().isEqualTo(runs.metrics("clean"));
            // What the first process scored and committed was not scored again.
            List<Long> rescored = simulator.scoredBy(restart.process().pid());
            assertThat(rescored).hasSizeLessThan(800);
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

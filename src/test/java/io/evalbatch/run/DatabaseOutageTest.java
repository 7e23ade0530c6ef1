package io.evalbatch.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.SilentNetwork;
import io.evalbatch.support.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * PostgreSQL stopped, or silent behind a network partition, while a run scores: evalbatch must end
 * within a bounded time with a message that says the database is unreachable, and once PostgreSQL
 * is back {@code restart} finishes the run with nothing lost. The server that is stopped is one of
 * the test's own, so stopping it hurts no other test; the partition is a relay in front of the
 * tests' server.
 */
@Tag("slow")
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
        Map<String, String> shortLimit = Map.of("EVALBATCH_DB_OUTAGE_LIMIT", "5s");

        Launched run = evalbatch.start(shortLimit, "run", job.toString(), "--id", "outage");
        run.awaitScored(100, Duration.ofMinutes(2));
        long stoppedAt = System.nanoTime();
        postgres.close();
        int exit = run.exit(Duration.ofMinutes(2));
        double seconds = (System.nanoTime() - stoppedAt) / 1e9;
        System.out.printf("evalbatch ended %.1f s after PostgreSQL stopped, exit code %d%n", seconds, exit);
        assertThat(exit).as(run.err()).isNotZero();
        assertThat(seconds).as("time to fail after the database stopped").isBetween(5.0, 25.0);
        assertThat(run.err()).contains("has been unreachable for 5 s").contains("evalbatch restart outage");

        postgres = start(data, port);
        try {
            RunQueries runs = new RunQueries(JdbcClient.create(new DriverManagerDataSource(url, "postgres", "")));
            List<Long> committed = runs.results("outage").stream().map(RunQueries.ResultRow::sampleId).toList();
            assertThat(committed).as("results committed before the outage").isNotEmpty();
            Launched restart = evalbatch.finish(0, "restart", "outage");
            evalbatch.finish(0, "run", job.toString(), "--id", "clean");
            assertThat(runs.results("outage")).hasSize(800).isEqualTo(runs.results("clean"));
            assertThat(runs.distinctResults("outage")).isEqualTo(800);
            assertThat(runs.metrics("outage")).isNotEmpty().isEqualTo(runs.metrics("clean"));
            // Restart scored exactly what had no committed result, nothing committed again.
            assertThat(simulator.scoredBy(restart.process().pid())).hasSize(800 - committed.size())
                    .doesNotContainAnyElementsOf(committed);
        } finally {
            postgres.close();
        }
    }

    @Test
    void runEndsPromptlyWhenTheDatabaseStopsAnsweringAndRestartFinishesIt() throws IOException {
        TestDatabase.Connection db = TestDatabase.get();
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/").matcher(db.url());
        assertThat(address.find()).as(db.url()).isTrue();
        LedgerSimulator simulator = LedgerSimulator.write(dir, 10);
        LedgerSimulator.samples(dir, "partition", 400);
        Path job = SamplesFiles.job(dir, """
                name: partition
                input: {format: lm-eval, files: [samples_partition_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {partitions: 4, threads: 4, chunk: 10, cache: false}
                """.formatted(simulator.filterYaml().strip()));
        String id = "partition-" + UUID.randomUUID().toString().substring(0, 8);

        try (SilentNetwork network = new SilentNetwork(address.group(1), Integer.parseInt(address.group(2)))) {
            String url = db.url().replace(address.group(0),
                    "jdbc:postgresql://" + address.group(1) + ":" + network.port() + "/");
            EvalbatchProcesses evalbatch = EvalbatchProcesses.onDatabase(dir, url, db.user(), db.password());
            Launched run = evalbatch.start(Map.of("EVALBATCH_DB_OUTAGE_LIMIT", "5s"), "run", job.toString(), "--id", id);
            run.awaitScored(100, Duration.ofMinutes(2));
            long silencedAt = System.nanoTime();
            network.silence();
            int exit = run.exit(Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - silencedAt) / 1e9;
            System.out.printf("evalbatch ended %.1f s after the database went silent, exit code %d%n", seconds, exit);
            assertThat(exit).as(run.err()).isEqualTo(5);
            assertThat(seconds).as("time to fail after the database went silent").isBetween(5.0, 25.0);
            assertThat(run.err()).contains("has been unreachable for 5 s").contains("evalbatch restart " + id);

            network.heal();
            List<Long> committed = RunQueries.onTestDatabase().results(id).stream()
                    .map(RunQueries.ResultRow::sampleId).toList();
            Launched restart = evalbatch.finish(0, "restart", id);
            assertThat(simulator.scoredBy(restart.process().pid())).hasSize(800 - committed.size())
                    .doesNotContainAnyElementsOf(committed);
        }
        RunQueries runs = RunQueries.onTestDatabase();
        assertThat(runs.results(id)).hasSize(800).allSatisfy(r -> assertThat(r.outcome())
                .isEqualTo(((r.sampleId() / 2) * 31 + (r.sampleId() % 2) * 7) % 5 < 2 ? "passed" : "failed"));
        assertThat(runs.distinctResults(id)).isEqualTo(800);
    }

    @Test
    void aWorkerThatCannotReachTheDatabaseForItsTimeoutEndsItself() throws IOException {
        EmbeddedPostgres postgres = start(dir.resolve("pgdata"), freePort());
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onDatabase(dir, postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "");
        Launched worker = evalbatch.start(Map.of("EVALBATCH_WORKER_HEARTBEAT", "1s", "EVALBATCH_WORKER_TIMEOUT", "4s"),
                "worker", "--threads", "1");
        try {
            worker.awaitErr(err -> err.contains("taking partitions"), Duration.ofMinutes(1));
            long stoppedAt = System.nanoTime();
            postgres.close();
            int exit = worker.exit(Duration.ofMinutes(1));
            double seconds = (System.nanoTime() - stoppedAt) / 1e9;
            System.out.printf("the worker ended %.1f s after PostgreSQL stopped, exit code %d%n", seconds, exit);
            // Runs give its partitions up after the same timeout: it must not score on beyond it.
            assertThat(exit).as(worker.err()).isEqualTo(5);
            assertThat(seconds).isBetween(3.0, 15.0);
            assertThat(worker.err()).contains("no heartbeat reached the database for")
                    .contains("the runs count its partitions as lost, so it ends");
        } finally {
            worker.process().destroyForcibly();
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

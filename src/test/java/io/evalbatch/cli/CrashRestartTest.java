package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.evalbatch.store.EmbeddedDatabase;
import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * evalbatch as a user runs it: separate JVMs on the embedded database. One is killed with SIGKILL
 * while it scores; a new process restarts the run and must end with complete, duplicate-free
 * results and the metrics of an uninterrupted run.
 */
@Tag("slow")
class CrashRestartTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAMPLES = 164 * 8;

    @TempDir
    Path dir;

    @Test
    void runKilledDuringSimulateIsFinishedByRestartInANewProcess() {
        Path home = dir.resolve("home");
        SamplesFiles.humanEval(dir, 164, 8);
        Path job = SamplesFiles.job(dir, """
                name: crash
                input: {format: human-eval, files: [samples-164x8.jsonl]}
                filter: {name: test, pass-rate: 0.3, latency-ms: 15}
                execution: {partitions: 4, threads: 4, chunk: 10}
                metrics: {pass-at-k: [1, 5, 8], mean: true}
                """);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);

        Launched doomed = evalbatch.start("run", job.toString(), "--id", "crashed");
        doomed.awaitScored(300, Duration.ofMinutes(3));
        doomed.process().destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
        assertThat(doomed.exit(Duration.ofSeconds(30))).isEqualTo(137);

        JsonNode afterKill = evalbatch.listed("crashed");
        assertThat(afterKill.get("status").stringValue()).isEqualTo("STARTED");
        assertThat(afterKill.get("done").longValue()).isBetween(1L, (long) SAMPLES - 1);

        Launched restart = evalbatch.finish(0, "restart", "crashed", "--format", "json");
        assertThat(restart.err()).contains("recovering execution");
        Launched clean = evalbatch.finish(0, "run", job.toString(), "--id", "clean", "--format", "json");

        JsonNode restarted = JSON.readTree(restart.out());
        JsonNode uninterrupted = JSON.readTree(clean.out());
        assertThat(restarted.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(restarted.get("metrics")).hasSize(4).isEqualTo(uninterrupted.get("metrics"));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(home)) {
            RunQueries q = new RunQueries(JdbcClient.create(
                    new DriverManagerDataSource(database.jdbcUrl(), "postgres", "")));
            assertThat(q.samples("crashed")).isEqualTo(SAMPLES);
            assertThat(q.results("crashed")).hasSize(SAMPLES);
            assertThat(q.distinctResults("crashed")).isEqualTo(SAMPLES);
            assertThat(q.results("crashed")).isEqualTo(q.results("clean"));
        }
    }
}

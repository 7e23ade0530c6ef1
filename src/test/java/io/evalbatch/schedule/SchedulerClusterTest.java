package io.evalbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.cli.EvalbatchMain;
import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two {@code evalbatch schedule} processes (separate JVMs) against one PostgreSQL, with a trigger
 * firing every two seconds: every trigger fires on one of them only, each new file is evaluated
 * exactly once whoever fires, firings during a run are skipped, and a scheduler killed mid-run
 * has its run finished by the other.
 */
@Tag("slow")
class SchedulerClusterTest {

    private static final Pattern FIRING = Pattern.compile("job (\\S+): firing of (\\S+)");

    @TempDir
    Path dir;

    private final String nonce = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Process, Path> logs = new HashMap<>();
    private JdbcClient jdbc;

    @BeforeEach
    void connect() {
        // Migrates the database first, so that it can be polled before the schedulers are up.
        assertThat(Cli.run("runs").exitCode()).isZero();
        TestDatabase.Connection db = TestDatabase.get();
        jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password() == null ? "" : db.password()));
    }

    @AfterEach
    void stopSchedulers() throws Exception {
        for (Process p : logs.keySet()) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoSchedulersEvaluateEachNewFileExactlyOnceAndFireEachTriggerOnce() throws Exception {
        String job = "cluster-" + nonce;
        Path jobs = jobDefinition(job, 0);
        Process first = scheduler(jobs);
        Process second = scheduler(jobs);
        Path incoming = Files.createDirectories(dir.resolve("incoming"));

        Path a = write(incoming.resolve("a.jsonl"), 30, "a");
        waitUntil(() -> completedRuns(job) == 1, "the first file evaluated");
        Files.copy(a, incoming.resolve("a-again.jsonl"));      // same content, another name
        write(incoming.resolve("b.jsonl"), 20, "b");
        waitUntil(() -> completedRuns(job) == 2, "the second file evaluated");
        write(incoming.resolve("c.jsonl"), 10, "c");
        waitUntil(() -> completedRuns(job) == 3, "the third file evaluated");
        waitForFirings(job, 3);                                  // later firings find nothing new

        assertThat(jdbc.sql("select count(*) from eval_run where job_name = ?").param(job)
                .query(Long.class).single()).isEqualTo(3);
        List<String> files = jdbc.sql("select file from scheduled_input where job_name = ? order by file")
                .param(job).query(String.class).list();
        assertThat(files).extracting(f -> Path.of(f).getFileName().toString())
                .containsExactly("a.jsonl", "b.jsonl", "c.jsonl");
        assertThat(jdbc.sql("""
                        select count(*) from scheduled_input i join sample s on s.run_id = i.run_id
                         where i.job_name = ?""").param(job).query(Long.class).single())
                .as("every sample of the three files, once").isEqualTo(30 + 20 + 10);
        List<String> firings = new ArrayList<>(firings(first, job));
        firings.addAll(firings(second, job));
        assertThat(firings).as("fire times over both schedulers").doesNotHaveDuplicates().hasSizeGreaterThan(4);
    }

    @Test
    void aRunWhoseSchedulerIsKilledIsFinishedByTheOther() throws Exception {
        String job = "takeover-" + nonce;
        Path jobs = jobDefinition(job, 40);
        Process first = scheduler(jobs);
        Process second = scheduler(jobs);
        write(Files.createDirectories(dir.resolve("incoming")).resolve("slow.jsonl"), 164 * 2, "slow");
        // Firings while the run goes on, on either scheduler, are skipped and say so.
        waitUntil(() -> results(job) >= 20 && logsContain("job " + job + ": firing skipped, the previous firing is "
                + "still running"), "the run under way, and a firing skipped meanwhile");
        String runId = jdbc.sql("select run_id from scheduled_input where job_name = ?").param(job)
                .query(String.class).single();
        Process owner = Files.readString(logs.get(first)).contains("run " + runId) ? first : second;
        Process survivor = owner == first ? second : first;

        owner.destroyForcibly();    // SIGKILL mid-run
        assertThat(owner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long atKill = results(job);
        assertThat(atKill).isLessThan(164 * 2);
        waitUntil(() -> completedRuns(job) == 1, "the run finished by the surviving scheduler");

        assertThat(Files.readString(logs.get(survivor))).contains("run " + runId + " is unfinished; continuing it");
        assertThat(jdbc.sql("select count(*) from eval_run where job_name = ?").param(job)
                .query(Long.class).single()).as("continued, not started anew").isEqualTo(1);
        assertThat(jdbc.sql("select count(*), count(distinct sample_id) from result where run_id = ?").param(runId)
                .query((rs, i) -> List.of(rs.getLong(1), rs.getLong(2))).single())
                .containsExactly(164L * 2, 164L * 2);
    }

    private Path jobDefinition(String job, int latencyMs) throws IOException {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        SamplesFiles.write(jobs.resolve(job + ".yaml"), """
                name: %s
                schedule: "0/2 * * * * ?"
                input: {format: human-eval, files: ["../incoming/*.jsonl"]}
                filter: {name: test, pass-rate: 0.5, latency-ms: %d}
                execution: {partitions: 2, threads: 2, chunk: 5}
                """.formatted(job, latencyMs));
        return jobs;
    }

    /** A human-eval file of {@code lines} completions, distinct from every other file by {@code tag}. */
    private Path write(Path file, int lines, String tag) {
        List<String> content = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            content.add("{\"task_id\": \"HumanEval/%d\", \"completion\": \"    return %d  # %s %s\\n\"}"
                    .formatted(i % 164, i, tag, nonce));
        }
        return SamplesFiles.write(file, String.join("\n", content) + "\n");
    }

    private long completedRuns(String job) {
        return jdbc.sql("select count(*) from run_overview where job_name = ? and status = 'COMPLETED'")
                .param(job).query(Long.class).single();
    }

    private long results(String job) {
        return jdbc.sql("""
                        select count(*) from result r join scheduled_input i on i.run_id = r.run_id
                         where i.job_name = ?""").param(job).query(Long.class).single();
    }

    private boolean logsContain(String text) {
        try {
            for (Path log : logs.values()) {
                if (Files.readString(log).contains(text)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> firings(Process scheduler, String job) throws IOException {
        List<String> times = new ArrayList<>();
        Matcher m = FIRING.matcher(Files.readString(logs.get(scheduler)));
        while (m.find()) {
            if (m.group(1).equals(job)) {
                times.add(m.group(2));
            }
        }
        return times;
    }

    private void waitForFirings(String job, int more) throws Exception {
        int seen = firingsSoFar(job);
        waitUntil(() -> firingsSoFar(job) >= seen + more, more + " more firings");
    }

    private int firingsSoFar(String job) {
        try {
            int count = 0;
            for (Process p : logs.keySet()) {
                count += firings(p, job).size();
            }
            return count;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void waitUntil(BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(200);
        }
        StringBuilder all = new StringBuilder();
        for (Path log : logs.values()) {
            all.append("\n--- ").append(log).append('\n').append(Files.readString(log));
        }
        throw new AssertionError("timed out waiting for " + what + all);
    }

    private Process scheduler(Path jobs) throws IOException {
        TestDatabase.Connection db = TestDatabase.get();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), EvalbatchMain.class.getName(),
                "schedule", jobs.toString()));
        Path log = Files.createTempFile(dir, "scheduler-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("EVALBATCH_DB_URL", db.url());
        env.put("EVALBATCH_DB_USER", db.user());
        env.put("EVALBATCH_DB_PASSWORD", db.password() == null ? "" : db.password());
        env.put("EVALBATCH_HOME", dir.resolve("home").toString());
        env.put("EVALBATCH_SCHEDULE_CHECKIN_MS", "1000");
        Process process = builder.start();
        logs.put(process, log);
        return process;
    }
}

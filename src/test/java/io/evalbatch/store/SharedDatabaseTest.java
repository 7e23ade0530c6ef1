package io.evalbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.evalbatch.support.Browser;
import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every evalbatch process on one home shares its embedded server, as separate JVMs: a run is
 * followed live on the pages of a serve process (in a real browser), listed and queried by other
 * processes while it scores, a second run scores beside it with the
 * results it has alone, the process that started the server (a scheduler) can be killed without
 * stopping the others, and when the last process ends no server is left.
 */
@Tag("slow")
class SharedDatabaseTest {

    private static final int SAMPLES = 40 * 8;

    @TempDir
    Path dir;

    private final List<EvalbatchProcesses> used = new ArrayList<>();

    /** After a failure midway: no evalbatch process, and (as its last user) no server left. */
    @AfterEach
    void killWhatIsLeft() {
        used.forEach(EvalbatchProcesses::killAll);
        if (Files.exists(dir.resolve("home/postgres/postmaster.pid"))) {
            EmbeddedDatabase.start(dir.resolve("home")).close();
        }
    }

    @Test
    void runsAreWatchedAndScoredSideBySideAndTheLastProcessStopsTheServer() throws Exception {
        Path home = dir.resolve("home");
        Path job = job(100);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);
        used.add(evalbatch);

        int port = freePort();
        Launched serve = evalbatch.start("serve", "--port", Integer.toString(port));
        Launched first = evalbatch.start("run", job.toString(), "--id", "first");
        serve.awaitOut(out -> out.contains("until Ctrl-C"), Duration.ofMinutes(2));
        first.awaitScored(40, Duration.ofMinutes(2));
        Launched second = evalbatch.start("run", job.toString(), "--id", "second");
        try (Browser browser = Browser.start()) {
            // The runs page of the serve process follows the run of the other, without reload.
            browser.driver().get("http://127.0.0.1:" + port + "/?job=shared");
            WebElement progress = browser.driver().findElement(By.cssSelector("tr[data-run='first'] .progress"));
            int shown = scored(progress.getText());
            assertThat(shown).isLessThan(SAMPLES);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> scored(progress.getText()) > shown);

            // Other commands while the runs score: listed, queried.
            assertThat(evalbatch.listed("second").get("status").stringValue()).isEqualTo("STARTED");
            Launched sql = evalbatch.finish(0, "sql",
                    "select count(*) > 0 as scoring from result where run_id = 'second'", "--format", "csv");
            assertThat(sql.out()).contains("true");
            first.finish(0);
            second.finish(0);
            new WebDriverWait(browser.driver(), Duration.ofSeconds(10))
                    .until(d -> progress.getText().equals(SAMPLES + " / " + SAMPLES));
        }
        serve.signal("INT");
        assertThat(serve.exit(Duration.ofMinutes(1))).isEqualTo(130);
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
    void theSchedulerThatStartedTheServerIsKilledAndTheOthersGoOn() throws Exception {
        Path home = dir.resolve("home");
        Path job = job(60);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, home);
        used.add(evalbatch);
        Path jobs = Files.createDirectories(dir.resolve("scheduled"));
        SamplesFiles.write(jobs.resolve("yearly.yaml"), """
                name: yearly
                schedule: "0 0 2 1 1 ?"
                input: {format: human-eval, files: ["%s/incoming/*.jsonl"]}
                filter: {name: test}
                """.formatted(dir));

        Launched starter = evalbatch.start("schedule", jobs.toString());
        starter.awaitErr(err -> err.contains("scheduled job yearly"), Duration.ofMinutes(2));
        long server = postmaster(home);
        Launched run = evalbatch.start("run", job.toString(), "--id", "survivor");
        run.awaitScored(40, Duration.ofMinutes(2));
        // Listed by another process while the scheduler waits and the run scores.
        assertThat(evalbatch.listed("survivor").get("status").stringValue()).isEqualTo("STARTED");
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

    /**
     * 320 samples of a scorer that takes {@code latencyMs} each, on two threads: seconds of
     * scoring, time for other processes to look at a run while it scores; outcomes fixed by content.
     */
    private Path job(int latencyMs) {
        SamplesFiles.humanEval(dir, 40, 8);
        return SamplesFiles.job(dir, """
                name: shared
                input: {format: human-eval, files: [samples-40x8.jsonl]}
                filter: {name: test, pass-rate: 0.4, latency-ms: %d}
                execution: {partitions: 2, threads: 2, chunk: 10, cache: false}
                metrics: {pass-at-k: [1], mean: true}
                """.formatted(latencyMs));
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The scored count of a progress cell, "N / TOTAL". */
    private static int scored(String progress) {
        return Integer.parseInt(progress.split(" / ")[0].strip());
    }

    private static long postmaster(Path home) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        Path pid = home.resolve("postgres/postmaster.pid");
        while (!Files.exists(pid) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return Long.parseLong(Files.readAllLines(pid).get(0).trim());
    }

    /** No process of the server, postmaster or backend, is left on the home's data directory. */
    private static void assertNoServer(Path home) {
        assertThat(ServerProcesses.on(home.resolve("postgres"))).as("postgres left running on " + home).isEmpty();
    }
}

package io.evalbatch.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.InspectSchema;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.telemetry.Exposition;
import io.evalbatch.telemetry.FakePushgateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scorer that fails is never a score: samples whose outcome is {@code error} are left out of
 * every metric, a run with more of them than {@code execution.max-errors} ends FAILED after scoring
 * everything else, and {@code restart} scores only them again, keeping the failed attempts.
 *
 * <p>The simulator stands in for a scorer whose environment breaks: while a file {@code broken}
 * lies beside it, it answers every sample of even id with {@code error} (or those the file lists,
 * when it lists any); otherwise a sample passes
 * when its response is "yes". Every sample it scores is logged, to count what was scored twice.
 */
@DatabaseTest
class ScorerErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Responses of samples 0..5: four say yes. */
    private static final List<String> RESPONSES = List.of("yes", "no", "yes", "yes", "no", "yes");

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeEach
    void simulatorAndSamples() {
        SamplesFiles.write(dir.resolve("sim.py"), """
                import json, os, sys
                here = os.path.dirname(os.path.abspath(__file__))
                for line in sys.stdin:
                    q = json.loads(line)
                    with open(os.path.join(here, "scored.log"), "a") as log:
                        log.write("%d\\n" % q["sample_id"])
                    broken = os.path.join(here, "broken")
                    listed = open(broken).read().split() if os.path.exists(broken) else []
                    if os.path.exists(broken) and (str(q["sample_id"]) in listed if listed else q["sample_id"] % 2 == 0):
                        reply = {"id": q["id"], "outcome": "error", "detail": "license server unreachable"}
                    else:
                        reply = {"id": q["id"], "outcome": "passed" if q["response"].strip() == "yes" else "failed"}
                    print(json.dumps(reply), flush=True)
                """);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < RESPONSES.size(); i++) {
            lines.append("{\"task_id\": \"HumanEval/").append(i).append("\", \"completion\": \"")
                    .append(RESPONSES.get(i)).append("\"}\n");
        }
        SamplesFiles.write(dir.resolve("samples.jsonl"), lines.toString());
    }

    private Path job(int maxErrors) {
        return SamplesFiles.job(dir, """
                name: flaky-scorer
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: command, command: [python3, sim.py], timeout: 20}
                execution: {partitions: 2, threads: 2, chunk: 2, cache: false, max-errors: %d}
                metrics: {pass-at-k: [1], mean: false}
                """.formatted(maxErrors));
    }

    @Test
    void errorsFailTheRunAndRestartScoresOnlyThemKeepingTheFailedAttempts() throws Exception {
        Files.createFile(dir.resolve("broken"));
        String id = "errors-" + System.nanoTime();
        Cli.Result failed = Cli.run("run", job(0).toString(), "--id", id, "--format", "json");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
        JsonNode report = JSON.readTree(failed.out());
        assertThat(report.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(report.get("metrics")).isEmpty();
        String reason = report.get("errors").get(0).stringValue();
        assertThat(reason).startsWith("3 samples could not be scored (the scorer failed, not the answer; "
                + "execution.max-errors allows 0):").contains("\n  3 × license server unreachable")
                .contains("'evalbatch restart " + id + "': only these samples are scored again");
        assertThat(outcomes(id)).containsExactly("error", "failed", "error", "passed", "error", "passed");
        assertThat(scoredLog()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);

        Files.delete(dir.resolve("broken"));
        Files.delete(dir.resolve("scored.log"));
        Cli.Result restarted = Cli.run("restart", id, "--format", "json");
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(JSON.readTree(restarted.out()).get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(scoredLog()).as("only the errors are scored again").containsExactlyInAnyOrder(0, 2, 4);
        assertThat(outcomes(id)).containsExactly("passed", "failed", "passed", "passed", "failed", "passed");
        assertThat(passAt1(id)).isEqualTo(4.0 / 6);
        assertThat(jdbc.sql("""
                        select sample_id || ' ' || attempt || ' ' || outcome || ' ' || detail
                          from result_attempt where run_id = ? order by sample_id""")
                .param(id).query(String.class).list()).containsExactly(
                "0 1 error license server unreachable", "2 1 error license server unreachable",
                "4 1 error license server unreachable");
    }

    /**
     * With max-errors: 3 the run completes over the three samples scored (1, 3 and 5: no, yes,
     * yes), the metric row counting the three errors; with max-errors: 2 it does not.
     */
    @Test
    void maxErrorsLetsARunCompleteOverTheSamplesScoredAndSaysHowManyWereLeftOut() throws Exception {
        Files.createFile(dir.resolve("broken"));
        Cli.Result allowed = Cli.run("run", job(3).toString(), "--format", "json");
        assertThat(allowed.exitCode()).as(allowed.err()).isZero();
        String id = JSON.readTree(allowed.out()).get("run").stringValue();
        RunQueries.TaskMetric passAt1 = new RunQueries(jdbc).metrics(id).stream()
                .filter(m -> m.metric().equals("pass@1")).findFirst().orElseThrow();
        assertThat(passAt1.value()).isEqualTo(2.0 / 3);
        assertThat(passAt1.n()).isEqualTo(3);
        assertThat(passAt1.note()).isEqualTo("3 samples are errors (the scorer failed), left out");
        assertThat(jdbc.sql("select errors from metric where run_id = ? and metric = 'pass@1'").param(id)
                .query(Long.class).single()).isEqualTo(3);
        assertThat(Cli.run("results", id).out()).contains("3 samples are errors (the scorer failed), left out");

        Cli.Result tooMany = Cli.run("run", job(2).toString(), "--format", "json");
        assertThat(tooMany.exitCode()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
        assertThat(JSON.readTree(tooMany.out()).get("errors").get(0).stringValue())
                .startsWith("3 samples could not be scored (the scorer failed, not the answer; execution.max-errors allows 2)");
    }

    /**
     * Two errors allowed and two met (samples 1 and 4, a "no" and a "no"): the run completes over
     * the four scored (yes, yes, yes, yes: pass@1 = 1), and every surface says two were left out.
     */
    @Test
    void allowedErrorsAreCountedOnEverySurface() throws Exception {
        Files.writeString(dir.resolve("broken"), "1 4\n");
        String id = "allowed-" + System.nanoTime();
        try (FakePushgateway gateway = FakePushgateway.start()) {
            Cli.Result run = Cli.runWith(Map.of("evalbatch.pushgateway", "http://127.0.0.1:" + gateway.port()),
                    "run", job(2).toString(), "--id", id);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("2 samples are errors (the scorer failed), left out");
            Exposition pushed = Exposition.parse(gateway.awaitPush(Duration.ofSeconds(30)).body());
            assertThat(pushed.named("evalbatch_scorer_errors_total")).singleElement().satisfies(errors -> {
                assertThat(errors.labels()).containsEntry("cause", "simulator").containsEntry("filter", "command");
                assertThat(errors.value()).isEqualTo(2.0);
            });
        }
        assertThat(passAt1(id)).isEqualTo(1.0);

        JsonNode row = JSON.readTree(Cli.run("results", id, "--format", "json").out()).get("metrics").get(0);
        assertThat(row.get("errors").asLong()).isEqualTo(2);
        assertThat(row.get("n").asLong()).isEqualTo(4);
        List<String> csv = Cli.run("results", id, "--format", "csv").out().lines().toList();
        int errorsColumn = List.of(csv.get(0).split(",")).indexOf("errors");
        assertThat(csv.get(1).split(",")[errorsColumn]).isEqualTo("2");
        JsonNode lmEval = JSON.readTree(Cli.run("results", id, "--format", "lm-eval").out());
        assertThat(lmEval.get("n-samples").get("humaneval").get("errors").asLong()).isEqualTo(2);

        Path log = dir.resolve("run.json");
        assertThat(Cli.run("results", id, "--format", "inspect", "--output", log.toString()).exitCode()).isZero();
        JsonNode inspect = JSON.readTree(log.toFile());
        assertThat(InspectSchema.invalid("EvalLog", inspect, "the log")).isEmpty();
        assertThat(inspect.get("results").get("completed_samples").asLong()).isEqualTo(4);
        List<JsonNode> unscored = new java.util.ArrayList<>();
        inspect.get("samples").forEach(sample -> {
            if (sample.has("error")) {
                unscored.add(sample);
            }
        });
        assertThat(unscored).hasSize(2).allSatisfy(sample -> {
            assertThat(sample.has("scores")).as("an error is not scored").isFalse();
            assertThat(sample.get("error").get("message").stringValue()).isEqualTo("license server unreachable");
        });

        Path page = dir.resolve("report.html");
        assertThat(Cli.run("report", id, "--output", page.toString()).exitCode()).isZero();
        assertThat(Files.readString(page)).contains("2 samples could not be scored (the scorer failed, not the "
                + "answer): left out of every metric.");
        assertThat(Cli.run("results", id, "--samples", "--outcome", "error", "--format", "csv").out().lines()
                .skip(1).toList()).hasSize(2).allSatisfy(line -> assertThat(line).contains("license server unreachable"));
    }

    private List<String> outcomes(String runId) {
        return jdbc.sql("select outcome from result where run_id = ? order by sample_id").param(runId)
                .query(String.class).list();
    }

    private double passAt1(String runId) {
        return new RunQueries(jdbc).metrics(runId).stream().filter(m -> m.metric().equals("pass@1")).findFirst()
                .orElseThrow().value();
    }

    private List<Integer> scoredLog() throws Exception {
        return Files.readAllLines(dir.resolve("scored.log")).stream().map(Integer::valueOf).toList();
    }
}

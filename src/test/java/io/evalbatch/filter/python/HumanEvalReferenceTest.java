package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.cli.ApplicationContexts;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.metrics.MetricDifference;
import io.evalbatch.metrics.RunComparison;
import io.evalbatch.support.Browser;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.HumanEvalReference.SampleKey;
import io.evalbatch.support.HumanEvalReference.Scored;
import io.evalbatch.support.HumanEvalReference;
import io.evalbatch.support.LmEvalTable;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import io.evalbatch.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real completions scored by real Python must give, sample by sample, what the official human-eval
 * harness gave on them (reference-shared.json), whether read as human-eval samples or as lm-eval
 * logs. The samples the reference lists as timing-sensitive (their outcome depends on the speed of
 * the machine) are exempt from the comparison, and the expected pass@k follows the outcome evalbatch
 * gave them, so these tests hold on fast and slow machines alike.
 */
@DatabaseTest
class HumanEvalReferenceTest {

    private static final String MODEL = "gpt4_final_500c_long";
    private static final SampleKey SLOW_SEARCH = new SampleKey(MODEL, "HumanEval/129");

    private static HumanEvalReference reference;

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RunComparison comparison;

    @TempDir
    Path dir;

    @BeforeAll
    static void readReference() throws Exception {
        reference = new HumanEvalReference();
        assertThat(reference.timingSensitive(SLOW_SEARCH)).as("the sample these tests are about").isTrue();
    }

    @Test
    void humanEvalSamplesFileScoresAsTheOfficialHarness() {
        assertAsTheHarness(run("human-eval", "examples/humaneval/" + MODEL + ".jsonl", 3.0));
    }

    @Test
    void lmEvalSamplesFileScoresAsTheOfficialHarness() throws Exception {
        String runId = run("lm-eval", "examples/lm-eval/samples_humaneval_2026-11-27T00-00-00.000000.jsonl", 3.0);
        assertAsTheHarness(runId);

        // lm-eval's make_table prints the export as a table: one line per cell, nothing of this machine
        Path out = dir.resolve("lm-eval-out");
        assertThat(Cli.run("results", runId, "--format", "lm-eval", "-o", out.toString()).exitCode()).isZero();
        Path written;
        try (var files = java.nio.file.Files.walk(out)) {
            written = files.filter(f -> f.getFileName().toString().startsWith("results_")).findFirst().orElseThrow();
        }
        JsonNode results = JsonMapper.builder().build().readTree(java.nio.file.Files.readString(written));
        List<List<String>> table = LmEvalTable.makeTable(results);
        double passAt1 = new RunQueries(jdbc).metrics(runId).stream().filter(m -> m.metric().equals("pass@1"))
                .findFirst().orElseThrow().value();
        assertThat(table).extracting(row -> row.get(1)).containsOnly("python-6");
        assertThat(table).anySatisfy(row -> assertThat(row.subList(2, 7))
                .containsExactly("create_test", " ", "pass@1", "↑", "%.4f".formatted(passAt1)));
        assertThat(table).allSatisfy(row -> assertThat(row).noneMatch(cell -> cell.contains("\n") || cell.contains("/")));
        assertThat(results.path("config").path("evalbatch_toolchain").path("humaneval").stringValue())
                .as("what ran the programs is kept, in config").contains("python");
    }

    /**
     * A machine several times slower than this one, where GPT-4's slow but correct search of
     * HumanEval/129 (1.4-1.6 s of CPU on a machine of the reference's kind, 4.4 s on a slower one)
     * exceeds the limit: a limit of 0.25 s makes that happen here. Every other sample must still
     * score as the harness scored it, and pass@1 is then the reference's recorded 140 of 164.
     */
    @Test
    void onAMachineTooSlowForTheSlowSearchTheRestStillScoresAsTheHarness() {
        String runId = run("human-eval", "examples/humaneval/" + MODEL + ".jsonl", 0.25);
        Map<SampleKey, Scored> scored = scored(runId);
        assertThat(scored.get(SLOW_SEARCH).outcome()).isEqualTo("timed_out");
        assertAsTheHarness(runId);
    }

    /**
     * All 40 model files, each scored as a run labelled with its model as a team scores its models
     * one by one (four runs at a time): every sample's outcome must be the official harness's; the
     * leaderboard of the job, printed and served, must have one row per model with the harness's
     * pass@1 of that model, and mark as ties exactly the models whose paired difference to the best,
     * as compare computes it, is within 1.96 standard errors; the outcomes near the CPU limit that
     * evalbatch reports must be those the stored CPU times say.
     */
    @Test
    @Tag("slow")
    void fortyModelsScoredAsFortyRunsMatchTheHarnessAndRankOnTheBoard() throws Exception {
        List<Path> files = ReferenceData.humanEvalModelFiles();
        assertThat(files).hasSize(reference.files());
        Map<String, String> runOfModel = new java.util.TreeMap<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            Map<String, java.util.concurrent.Future<RunEnd>> ends = new java.util.TreeMap<>();
            for (Path file : files) {
                String model = ReferenceData.model(file);
                JobDefinition definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                        name: reference-40
                        label: "%s"
                        input: {format: human-eval, files: ["%s"]}
                        filter: {name: python, timeout: 3.0}
                        execution: {partitions: 2, threads: 2, chunk: 10, cache: false}
                        metrics: {pass-at-k: [1], mean: false}
                        check: none
                        """.formatted(model, file.toAbsolutePath())));
                ends.put(model, pool.submit(() -> runs.start(definition, null)));
            }
            for (Map.Entry<String, java.util.concurrent.Future<RunEnd>> end : ends.entrySet()) {
                RunEnd outcome = end.getValue().get();
                assertThat(outcome.status()).as(end.getKey()).isEqualTo("COMPLETED");
                runOfModel.put(end.getKey(), outcome.runId());
            }
        } finally {
            pool.shutdownNow();
        }

        Map<SampleKey, Scored> scored = new HashMap<>();
        runOfModel.values().forEach(run -> scored.putAll(scored(run)));
        assertThat(scored).hasSize(40 * 164);
        assertThat(reference.mismatches(scored)).isEmpty();

        // pass@1 per model: the harness's count, with a machine-dependent sample counted as scored here
        Map<String, Double> expected = new HashMap<>();
        runOfModel.keySet().forEach(model -> {
            long passed = scored.entrySet().stream().filter(e -> e.getKey().model().equals(model))
                    .filter(e -> reference.timingSensitive(e.getKey()) ? e.getValue().outcome().equals("passed")
                            : reference.outcome(e.getKey()).equals("passed"))
                    .count();
            if (scored.entrySet().stream().noneMatch(e -> e.getKey().model().equals(model)
                    && reference.timingSensitive(e.getKey()))) {
                assertThat(passed).as(model).isEqualTo(reference.passed(model));
            }
            expected.put(model, passed / 164.0);
        });
        JsonNode board = JsonMapper.builder().build().readTree(
                Cli.run("board", "--job", "reference-40", "--format", "json").out());
        assertThat(board.path("metric").stringValue()).isEqualTo("pass@1");
        assertThat(board.path("rows")).hasSize(40);
        double best = expected.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String bestModel = board.path("rows").get(0).path("model").stringValue();
        assertThat(expected.get(bestModel)).as("the first row is the best").isEqualTo(best);
        double previous = Double.MAX_VALUE;
        for (JsonNode row : board.path("rows")) {
            String model = row.path("model").stringValue();
            JsonNode cell = row.path("cells").path("humaneval");
            assertThat(cell.path("value").doubleValue()).as(model).isCloseTo(expected.get(model), within(1e-12));
            assertThat(cell.path("value").doubleValue()).as("sorted best first").isLessThanOrEqualTo(previous);
            previous = cell.path("value").doubleValue();
            assertThat(cell.path("run").stringValue()).isEqualTo(runOfModel.get(model));
            String standing = cell.path("standing").stringValue();
            if (model.equals(bestModel)) {
                assertThat(standing).isEqualTo("best");
                continue;
            }
            MetricDifference difference = comparison.compare(runOfModel.get(bestModel), runOfModel.get(model), 0, 0)
                    .stream().filter(d -> d.metric().equals("pass@1")).findFirst().orElseThrow();
            assertThat(difference.documents()).isEqualTo(164);
            boolean tie = difference.difference() == 0
                    || Math.abs(difference.difference()) <= 1.959964 * difference.stderr();
            assertThat(standing).as(model + ": " + difference).isEqualTo(tie ? "tie" : "behind");
        }
        assertThat(board.path("rows")).as("models clearly behind the best").anyMatch(r -> r.path("cells").path("humaneval").path("standing").stringValue().equals("behind"));
        assertTheBoardPageShows(board);
        assertNearLimitAsStored(runOfModel.get("Claude_custom"));
    }

    /** The served leaderboard has the printed one's rows, values and marks; screenshot for the docs. */
    private void assertTheBoardPageShows(JsonNode board) throws Exception {
        try (var server = new ApplicationContexts(TestDatabase.get().properties()).openWeb("127.0.0.1", 0);
             Browser browser = Browser.start()) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            browser.driver().get("http://127.0.0.1:" + port + "/board?job=reference-40");
            var rows = browser.driver().findElements(By.cssSelector("#board tbody tr"));
            assertThat(rows).hasSize(40);
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = board.path("rows").get(i);
                var cell = rows.get(i).findElement(By.cssSelector("td.cell"));
                assertThat(rows.get(i).getAttribute("data-model")).isEqualTo(row.path("model").stringValue());
                assertThat(cell.getText()).startsWith("%.4f".formatted(row.path("cells").path("humaneval")
                        .path("value").doubleValue()));
                assertThat(cell.getAttribute("data-standing"))
                        .isEqualTo(row.path("cells").path("humaneval").path("standing").stringValue());
            }
            browser.screenshots("board");
        }
    }

    /**
     * What {@code results --format json} reports as near the limit, against a count made here from
     * the stored outcomes and CPU times: timed out, or at least half of the 3 s limit used.
     */
    private void assertNearLimitAsStored(String runId) {
        long expected = jdbc.sql("select outcome, cpu_ms, cpu_limit_ms from result where run_id = ?").param(runId)
                .query((rs, i) -> rs.getString(1).equals("timed_out")
                        || rs.getLong(2) * 2 >= rs.getLong(3) && rs.getLong(3) == 3000)
                .list().stream().filter(near -> near).count();
        long timedOut = jdbc.sql("select count(*) from result where run_id = ? and outcome = 'timed_out'")
                .param(runId).query(Long.class).single();
        assertThat(expected).as("the endless loops of the set time out").isGreaterThanOrEqualTo(timedOut).isPositive();
        JsonNode report = JsonMapper.builder().build().readTree(Cli.run("results", runId, "--format", "json").out());
        long reported = 0;
        for (JsonNode task : report.get("near_limit")) {
            reported += task.get("near_limit").longValue();
            assertThat(task.get("min_cpu_limit_ms").longValue()).isEqualTo(3000);
        }
        assertThat(reported).isEqualTo(expected);
        Cli.Result listed = Cli.run("results", runId, "--samples", "--near-limit", "--format", "json");
        assertThat(JsonMapper.builder().build().readTree(listed.out()).get("samples")).hasSize((int) expected);
        assertThat(Cli.run("results", runId).out())
                .contains(expected == 1 ? "1 outcome is within 2x of the 3.0 s CPU limit or timed out"
                        : expected + " outcomes are within 2x of the 3.0 s CPU limit or timed out");
    }

    /**
     * Every sample must have the reference's outcome except the timing-sensitive ones, and pass@1
     * must be the reference's count with the timing-sensitive samples counted as evalbatch scored
     * them.
     */
    private void assertAsTheHarness(String runId) {
        Map<SampleKey, Scored> scored = scored(runId);
        assertThat(scored).hasSize(164);
        assertThat(reference.mismatches(scored)).isEmpty();
        long expectedPassed = scored.entrySet().stream()
                .filter(e -> reference.timingSensitive(e.getKey()) ? e.getValue().outcome().equals("passed")
                        : reference.outcome(e.getKey()).equals("passed"))
                .count();
        TaskMetric passAt1 = new RunQueries(jdbc).metrics(runId).stream().filter(m -> m.metric().equals("pass@1"))
                .findFirst().orElseThrow();
        assertThat(passAt1.task()).isEqualTo("humaneval");
        assertThat(passAt1.n()).isEqualTo(164);
        assertThat(passAt1.value()).isEqualTo(expectedPassed / 164.0);
    }

    /**
     * evalbatch's outcome of each sample, keyed as the reference keys it: the model is the input
     * file's name (the lm-eval example holds GPT-4's completions), the task id that of the problem.
     */
    private Map<SampleKey, Scored> scored(String runId) {
        Map<SampleKey, Scored> scored = new HashMap<>();
        jdbc.sql("""
                        select s.source_file, coalesce(s.doc::jsonb ->> 'task_id', s.doc_id), r.outcome, r.detail,
                               r.cpu_ms
                          from sample s join result r using (run_id, sample_id)
                         where s.run_id = ?""")
                .param(runId)
                .query(rs -> {
                    String file = Path.of(rs.getString(1)).getFileName().toString();
                    String model = file.startsWith("samples_humaneval_") ? MODEL
                            : ReferenceData.model(Path.of(file));
                    Long cpu = rs.getObject(5) == null ? null : rs.getLong(5);
                    scored.put(new SampleKey(model, rs.getString(2)), new Scored(rs.getString(3), rs.getString(4), cpu));
                });
        return scored;
    }

    private String run(String format, String file, double timeout) {
        JobDefinition definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: reference-%s
                input: {format: %s, files: [%s]}
                filter: {name: python, timeout: %s}
                execution: {partitions: 2, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1]}
                %s
                """.formatted(format, format, Path.of("jobs", file).toAbsolutePath(), timeout,
                // A limit that stands for a too-slow machine fails HumanEval/129's reference there too, at times.
                timeout < 1 ? "check: {references: false}" : "")));
        RunEnd outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome.runId();
    }
}

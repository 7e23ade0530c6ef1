package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics engine end to end on lm-eval logs of a GSM8K-like task with four answers per
 * question and a second task with one: exact match, majority vote, pass@k, closed-form and
 * bootstrap errors, groups, recomputation, the lm-eval export and the comparison of two runs.
 * Every expected value is worked out by hand in the comments from the answers below.
 */
class MetricsEngineTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String FILTER = """
            filter: {name: exact-match, extract: "#### (\\\\-?[0-9.,]+)", regexes-to-ignore: [","]}
            """;

    @TempDir
    Path dir;

    /**
     * Answers per question (target): q0 (18) 18 18 17 18; q1 (3) 4 3 4 3; q2 (1000) 1,000 5 5 none;
     * q3 (7) none ×4; q4 (2) 2 2 2 2. Passed: 3, 2, 1, 0, 4 of 4.
     */
    private Path gsm8k(boolean allCorrect) {
        String[][] answers = {{"18", "18", "17", "18"}, {"4", "3", "4", "3"}, {"1,000", "5", "5", null},
                {null, null, null, null}, {"2", "2", "2", "2"}};
        String[] targets = {"18", "3", "1000", "7", "2"};
        StringBuilder log = new StringBuilder();
        for (int q = 0; q < answers.length; q++) {
            List<String> responses = new ArrayList<>();
            for (String a : answers[q]) {
                String answer = allCorrect ? targets[q] : a;
                responses.add(JSON.writeValueAsString(answer == null ? "I do not know." : "So... #### " + answer));
            }
            String list = "[" + String.join(", ", responses) + "]";
            log.append("{\"doc_id\": %d, \"target\": \"%s\", \"resps\": [%s], \"filtered_resps\": [%s], \"filter\": \"strict-match\"}\n"
                    .formatted(q, targets[q], list, list));
        }
        Path folder = dir.resolve(allCorrect ? "oracle" : "model");
        return SamplesFiles.write(folder.resolve("samples_gsm8k_2026-11-01T00-00-00.jsonl"), log.toString());
    }

    /** Two questions, one answer each, the filter having kept one: q0 (5) right, q1 (6) wrong. */
    private Path arith(String folder) {
        return SamplesFiles.write(dir.resolve(folder).resolve("samples_arith_2026-11-01T00-00-00.jsonl"), """
                {"doc_id": 0, "target": "5", "resps": [["#### 5"]], "filtered_resps": ["#### 5"], "filter": "strict-match"}
                {"doc_id": 1, "target": "6", "resps": [["#### 9"]], "filtered_resps": ["#### 9"], "filter": "strict-match"}
                """);
    }

    private Path job(String name, Path... files) {
        StringBuilder list = new StringBuilder();
        for (Path f : files) {
            list.append(list.isEmpty() ? "" : ", ").append('"').append(f).append('"');
        }
        return SamplesFiles.job(dir, "name: " + name + "\ninput: {format: lm-eval, files: [" + list + "]}\n" + FILTER + """
                execution: {partitions: 2, threads: 2, chunk: 3}
                metrics:
                  pass-at-k: [2]
                  exact-match: true
                  maj-at-k: [1, 4]
                  bootstrap: {iterations: 2000, seed: 99}
                  groups: {math: [gsm8k, arith]}
                """);
    }

    private static JsonNode metric(JsonNode report, String scope, String name, String metric, String weighting) {
        for (JsonNode row : report.get("metrics")) {
            if (row.has(scope) && row.get(scope).stringValue().equals(name) && row.get("metric").stringValue().equals(metric)
                    && (weighting == null || row.get("weighting").stringValue().equals(weighting))) {
                return row;
            }
        }
        throw new AssertionError("no " + scope + " " + name + " " + metric + " in " + report);
    }

    private static JsonNode run(Path job, String id) {
        Cli.Result run = Cli.run("run", job.toString(), "--id", id, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void exactMatchMajorityVotePassAtKAndGroupsMatchTheHandComputation() {
        String id = "engine-" + System.nanoTime();
        JsonNode report = run(job("engine", gsm8k(false), arith("model")), id);

        // exact match per question 3/4, 2/4, 1/4, 0, 1: mean 0.5; squared deviations sum 0.625,
        // variance 0.625 / 4, stderr sqrt(0.15625 / 5)
        JsonNode em = metric(report, "task", "gsm8k", "exact_match", null);
        assertThat(em.get("value").doubleValue()).isCloseTo(0.5, within(1e-12));
        assertThat(em.get("stderr").doubleValue()).isCloseTo(Math.sqrt(0.15625 / 5), within(1e-12));
        assertThat(em.get("n").intValue()).isEqualTo(5);
        assertThat(em.get("samples").intValue()).isEqualTo(20);
        // maj@1 is the first answer: right for q0, q2 ("1,000" without commas), q4
        assertThat(metric(report, "task", "gsm8k", "maj@1", null).get("value").doubleValue()).isCloseTo(0.6, within(1e-12));
        // maj@4: q0 18 (3 votes) right; q1 tie 4/3, 4 came first: wrong; q2 5 (2 votes) wrong; q3 none; q4 right
        assertThat(metric(report, "task", "gsm8k", "maj@4", null).get("value").doubleValue()).isCloseTo(0.4, within(1e-12));
        // pass@2 of n = 4: c = 3 → 1; c = 2 → 1 - 1/6; c = 1 → 1 - 3/6; c = 0 → 0; c = 4 → 1
        assertThat(metric(report, "task", "gsm8k", "pass@2", null).get("value").doubleValue())
                .isCloseTo((1 + 5.0 / 6 + 0.5 + 0 + 1) / 5, within(1e-12));
        // bootstrap: about the closed form (5 documents, 2000 resamples: within a third of it)
        assertThat(em.get("bootstrap_stderr").doubleValue()).isCloseTo(Math.sqrt(0.15625 / 5), within(0.06));

        // arith: one answer per question, so pass@2 and maj@4 cannot be computed
        JsonNode arithEm = metric(report, "task", "arith", "exact_match", null);
        assertThat(arithEm.get("value").doubleValue()).isCloseTo(0.5, within(1e-12));
        assertThat(arithEm.get("stderr").doubleValue()).isCloseTo(0.5, within(1e-12));   // sd sqrt(0.5) / sqrt(2)
        assertThat(metric(report, "task", "arith", "maj@4", null).get("value").isNull()).isTrue();
        assertThat(metric(report, "task", "arith", "pass@2", null).get("note").stringValue())
                .contains("only 1 samples, fewer than k = 2");

        // group math, by documents: (5 × 0.5 + 2 × 0.5) / 7, stderr sqrt((5/7)² se_gsm8k² + (2/7)² se_arith²)
        JsonNode byDocuments = metric(report, "group", "math", "exact_match", "documents");
        assertThat(byDocuments.get("value").doubleValue()).isCloseTo(0.5, within(1e-12));
        assertThat(byDocuments.get("stderr").doubleValue())
                .isCloseTo(Math.sqrt(25.0 / 49 * 0.03125 + 4.0 / 49 * 0.25), within(1e-12));
        assertThat(byDocuments.get("n").intValue()).isEqualTo(7);
        // maj@1 by documents (5 × 0.6 + 2 × 0.5) / 7, by tasks (0.6 + 0.5) / 2
        assertThat(metric(report, "group", "math", "maj@1", "documents").get("value").doubleValue())
                .isCloseTo(4.0 / 7, within(1e-12));
        JsonNode byTasks = metric(report, "group", "math", "maj@1", "tasks");
        assertThat(byTasks.get("value").doubleValue()).isCloseTo(0.55, within(1e-12));
        assertThat(metric(report, "group", "math", "pass@2", "tasks").get("note").stringValue()).contains("arith");

        // the stored answers are the extracted, normalized ones
        JsonNode samples = JSON.readTree(Cli.run("results", id, "--samples", "--format", "json").out()).get("samples");
        List<String> q2 = new ArrayList<>();
        samples.forEach(s -> {
            if (s.get("task").stringValue().equals("gsm8k") && s.get("doc").stringValue().equals("2")) {
                q2.add(s.get("answer").stringValue());
            }
        });
        assertThat(q2).containsExactly("1000", "5", "5", "[invalid]");
    }

    @Test
    void metricsCommandRecomputesTheSameRowsAndReplacesThemWithNewOnes() {
        String id = "recompute-" + System.nanoTime();
        JsonNode original = run(job("recompute", gsm8k(false), arith("model")), id);

        Cli.Result again = Cli.run("metrics", id, "--format", "json");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).get("metrics")).isEqualTo(original.get("metrics"));
        assertThat(JSON.readTree(Cli.run("metrics", id, "--format", "json").out()).get("metrics"))
                .isEqualTo(original.get("metrics"));

        Path other = SamplesFiles.job(dir, """
                name: other
                input: {format: lm-eval}
                filter: {name: python}
                metrics: {mean: true, maj-at-k: [2], bootstrap: {iterations: 2000, seed: 100}}
                """);
        Cli.Result replaced = Cli.run("metrics", id, "--job", other.toString(), "--format", "json");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        JsonNode metrics = JSON.readTree(replaced.out()).get("metrics");
        List<String> names = new ArrayList<>();
        metrics.forEach(m -> names.add(m.get("metric").stringValue()));
        assertThat(names).containsOnly("mean", "maj@2");
        // maj@2 of gsm8k: q0 18 right; q1 tie 4/3 → 4 wrong; q2 1000 first right; q3 none; q4 right
        assertThat(metric(JSON.readTree(replaced.out()), "task", "gsm8k", "maj@2", null).get("value").doubleValue())
                .isCloseTo(0.6, within(1e-12));
        // mean equals exact match here, and the same documents with another seed give another bootstrap
        JsonNode mean = metric(JSON.readTree(replaced.out()), "task", "gsm8k", "mean", null);
        JsonNode em = metric(original, "task", "gsm8k", "exact_match", null);
        assertThat(mean.get("value").doubleValue()).isEqualTo(em.get("value").doubleValue());
        assertThat(mean.get("stderr").doubleValue()).isEqualTo(em.get("stderr").doubleValue());
        assertThat(mean.get("bootstrap_stderr").doubleValue()).isNotEqualTo(em.get("bootstrap_stderr").doubleValue());
        // the results of the run now show the new metrics, and results were not scored again
        assertThat(JSON.readTree(Cli.run("results", id, "--format", "json").out()).get("metrics")).isEqualTo(metrics);
    }

    @Test
    void lmEvalExportReadsBackFieldByField() {
        String id = "export-" + System.nanoTime();
        Instant before = Instant.now().minusSeconds(1);
        JsonNode report = run(job("export", gsm8k(false), arith("model")), id);

        Cli.Result export = Cli.run("results", id, "--format", "lm-eval");
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode lm = JSON.readTree(export.out());

        JsonNode gsm8k = lm.get("results").get("gsm8k");
        assertThat(gsm8k.get("alias").stringValue()).isEqualTo("gsm8k");
        JsonNode em = metric(report, "task", "gsm8k", "exact_match", null);
        assertThat(gsm8k.get("exact_match,strict-match").doubleValue()).isEqualTo(em.get("value").doubleValue());
        assertThat(gsm8k.get("exact_match_stderr,strict-match").doubleValue()).isEqualTo(em.get("stderr").doubleValue());
        assertThat(gsm8k.get("maj@4,strict-match").doubleValue()).isCloseTo(0.4, within(1e-12));
        assertThat(gsm8k.get("pass@2,strict-match").doubleValue())
                .isEqualTo(metric(report, "task", "gsm8k", "pass@2", null).get("value").doubleValue());
        JsonNode arith = lm.get("results").get("arith");
        assertThat(arith.has("maj@4,strict-match")).as("not computable, so left out").isFalse();
        assertThat(arith.get("exact_match,strict-match").doubleValue()).isCloseTo(0.5, within(1e-12));

        JsonNode math = lm.get("results").get("math");
        assertThat(math.get("exact_match,strict-match").doubleValue())
                .isEqualTo(metric(report, "group", "math", "exact_match", "documents").get("value").doubleValue());
        assertThat(lm.get("groups").get("math").get("alias").stringValue()).isEqualTo("math");
        assertThat(lm.get("group_subtasks").get("math")).extracting(JsonNode::stringValue).containsExactly("gsm8k", "arith");
        assertThat(lm.get("higher_is_better").get("gsm8k").get("exact_match").booleanValue()).isTrue();
        assertThat(lm.get("n-samples").get("gsm8k").get("original").intValue()).isEqualTo(5);
        assertThat(lm.get("n-samples").get("arith").get("effective").intValue()).isEqualTo(2);
        assertThat(lm.get("configs").get("gsm8k").get("repeats").intValue()).isEqualTo(4);
        assertThat(lm.get("configs").get("gsm8k").get("filter_list").get(0).get("name").stringValue())
                .isEqualTo("strict-match");
        // no version in the job, no lm-eval results file beside the logs: what scored them
        assertThat(lm.get("versions").get("gsm8k").stringValue()).isEqualTo("exact-match-2");
        assertThat(lm.get("config").get("evalbatch_runs").get(0).stringValue()).isEqualTo(id);
        assertThat(lm.get("model_name").stringValue()).as("no label: the run id").isEqualTo(id);
        double date = lm.get("date").doubleValue();
        assertThat(date).isBetween((double) before.getEpochSecond(), Instant.now().getEpochSecond() + 1.0);
    }

    @Test
    void compareGivesThePairedDifferenceAndAnIntervalAroundIt() {
        String model = "cmp-model-" + System.nanoTime();
        String oracle = "cmp-oracle-" + System.nanoTime();
        run(job("model", gsm8k(false), arith("model")), model);
        run(job("oracle", gsm8k(true), arith("oracle")), oracle);

        Cli.Result compare = Cli.run("compare", model, oracle, "--format", "json");
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        JsonNode rows = JSON.readTree(compare.out()).get("differences");
        JsonNode em = find(rows, r -> r.get("task").stringValue().equals("gsm8k")
                && r.get("metric").stringValue().equals("exact_match"));
        // per question model - oracle: -0.25, -0.5, -0.75, -1, 0: mean -0.5; deviations 0.25, 0,
        // -0.25, -0.5, 0.5: stderr sqrt(0.625 / 4 / 5)
        assertThat(em.get("documents").intValue()).isEqualTo(5);
        assertThat(em.get("a").doubleValue()).isCloseTo(0.5, within(1e-12));
        assertThat(em.get("b").doubleValue()).isCloseTo(1.0, within(1e-12));
        assertThat(em.get("difference").doubleValue()).isCloseTo(-0.5, within(1e-12));
        assertThat(em.get("stderr").doubleValue()).isCloseTo(Math.sqrt(0.625 / 4 / 5), within(1e-12));
        double low = em.get("interval_low").doubleValue();
        double high = em.get("interval_high").doubleValue();
        assertThat(low).isBetween(-1.0, -0.5);
        assertThat(high).isBetween(-0.5, 0.0);
        assertThat(low).isLessThan(high);
        // the same seed gives the same interval
        assertThat(JSON.readTree(Cli.run("compare", model, oracle, "--format", "json").out()).get("differences"))
                .isEqualTo(rows);

        Cli.Result table = Cli.run("compare", model, oracle);
        assertThat(table.out()).contains("gsm8k").contains("exact_match").contains("-0.5000");
    }

    @Test
    void answerMetricsNeedAFilterThatExtractsAnswers() {
        Path job = SamplesFiles.job(dir, "name: wrong\ninput: {format: lm-eval, files: [\"" + gsm8k(false) + "\"]}\n"
                + "filter: {name: test}\nmetrics: {maj-at-k: [4]}\n");
        Cli.Result run = Cli.run("run", job.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("metrics.maj-at-k").contains("extracts none");
    }

    @Test
    void metricsOfAnUnfinishedRunAreRefused() {
        SamplesFiles.humanEval(dir, 10, 2);
        Path job = SamplesFiles.job(dir, """
                name: failing
                input: {format: human-eval, files: [samples-10x2.jsonl]}
                filter: {name: test, abort-at: [7]}
                execution: {partitions: 1, threads: 1, chunk: 2}
                """);
        String id = "unfinished-" + System.nanoTime();
        assertThat(Cli.run("run", job.toString(), "--id", id).exitCode()).isEqualTo(1);

        Cli.Result metrics = Cli.run("metrics", id);

        assertThat(metrics.exitCode()).isEqualTo(4);
        assertThat(metrics.err()).contains("is not finished").contains("of 20 samples scored").contains("restart " + id);
    }

    private static JsonNode find(JsonNode rows, Predicate<JsonNode> which) {
        for (JsonNode row : rows) {
            if (which.test(row)) {
                return row;
            }
        }
        throw new AssertionError("no such row in " + rows);
    }
}

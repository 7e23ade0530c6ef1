package io.evalbatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.LmEvalTable;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The GSM8K job against lm-eval's own scoring of a real log (lm-eval 0.4.8's samples and results
 * files, bundled), and the lm-eval export read the way lm-eval's readers read it: {@code make_table}
 * (lm_eval/utils.py) and the evaluation tracker's file layout (lm_eval/loggers).
 */
@DatabaseTest
class LmEvalExportTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path GSM8K = Path.of("jobs/examples/lm-eval/gsm8k");

    @TempDir
    Path dir;

    @Test
    void theGsm8kJobGivesLmEvalsOwnAnswersOutcomesAndMetric() throws IOException {
        Cli.Result run = Cli.run("run", "jobs/gsm8k.yaml", "--no-cache", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();

        // What lm-eval extracted (filtered_resps) and scored (exact_match), document by document
        Map<String, String> lmEvalAnswers = new TreeMap<>();
        Map<String, Double> lmEvalScores = new TreeMap<>();
        try (var lines = Files.lines(GSM8K.resolve("samples_gsm8k_2025-04-30T18-24-41.082644.jsonl"))) {
            lines.map(JSON::readTree).forEach(line -> {
                String doc = line.get("doc_id").asString();
                lmEvalAnswers.put(doc, line.get("filtered_resps").get(0).stringValue());
                lmEvalScores.put(doc, line.get("exact_match").doubleValue());
            });
        }
        Map<String, String> answers = new TreeMap<>();
        Map<String, Double> scores = new TreeMap<>();
        for (JsonNode sample : JSON.readTree(Cli.run("results", id, "--samples", "--format", "json").out())
                .get("samples")) {
            answers.put(sample.get("doc").asString(), sample.get("answer").stringValue());
            scores.put(sample.get("doc").asString(), sample.get("outcome").stringValue().equals("passed") ? 1.0 : 0.0);
        }
        assertThat(answers).isEqualTo(lmEvalAnswers);
        assertThat(scores).isEqualTo(lmEvalScores);

        JsonNode lmEval = JSON.readTree(Files.readString(GSM8K.resolve("results_2025-04-30T18-24-41.082644.json")));
        JsonNode ours = JSON.readTree(Cli.run("results", id, "--format", "lm-eval").out());
        for (String key : List.of("exact_match,strict-match", "exact_match_stderr,strict-match")) {
            assertThat(ours.path("results").path("gsm8k").path(key).doubleValue()).as(key)
                    .isEqualTo(lmEval.path("results").path("gsm8k").path(key).doubleValue());
        }
        // what the export takes over from lm-eval's results file beside the log
        assertThat(ours.path("n-shot").path("gsm8k").intValue()).isEqualTo(5);
        assertThat(ours.path("versions").path("gsm8k").asString()).isEqualTo("3.0");
        assertThat(ours.path("n-samples").path("gsm8k").path("original").longValue()).isEqualTo(1319);
        assertThat(ours.path("n-samples").path("gsm8k").path("effective").longValue()).isEqualTo(3);
        assertThat(ours.path("config").path("model").stringValue()).isEqualTo("local-completions");
        assertThat(ours.path("model_name").stringValue()).isEqualTo("tinyllama");
    }

    /**
     * Two documents, each scored by both of lm-eval's gsm8k filters, one job per filter. By hand:
     * strict-match finds "#### 18" in the first response only (1, 0: mean 0.5, stderr
     * stdev(1, 0)/sqrt(2) = 0.5); flexible-extract takes the last number of each, 18 and 3 (mean 1,
     * stderr 0).
     */
    @Test
    void twoFiltersOfOneTaskBecomeOneEntryThatMakeTableReads() throws IOException {
        StringBuilder log = new StringBuilder();
        String[][] docs = {{"0", "Janet makes 9 * 2 = $18.\\n#### 18", "She sells 9 eggs for $2: $18.\\n#### 18"},
                {"1", "2 + 1 = 3\\n#### 3", "It takes 2 + 1 = 3 bolts"}};
        for (String filter : List.of("strict-match", "flexible-extract")) {
            for (String[] doc : docs) {
                log.append("{\"doc_id\": ").append(doc[0]).append(", \"doc\": {}, \"target\": \"").append(doc[1])
                        .append("\", \"resps\": [[\"").append(doc[2]).append("\"]], \"filtered_resps\": [\"x\"], ")
                        .append("\"filter\": \"").append(filter).append("\"}\n");
            }
        }
        SamplesFiles.write(dir.resolve("samples_gsm8k_2026-12-01T10-00-00.000000.jsonl"), log.toString());
        String job = """
                name: gsm8k-%s
                label: org/model-7b
                version: 3
                input: {format: lm-eval, files: [samples_gsm8k_2026-12-01T10-00-00.000000.jsonl], filter: %s, responses: raw}
                filter: {name: exact-match, extract: "%s", %s ignore-case: true, regexes-to-ignore: [",", "\\\\$", "(?s).*#### ", "\\\\.$"]}
                execution: {cache: false}
                metrics: {pass-at-k: [], mean: false, exact-match: true}
                """;
        List<String> ids = new ArrayList<>();
        for (String[] filter : new String[][] {{"strict-match", "#### (\\\\-?[0-9\\\\.\\\\,]+)", ""},
                {"flexible-extract", "(-?[$0-9.,]{2,})|(-?[0-9]+)", "group-select: -1,"}}) {
            Path file = SamplesFiles.job(dir, job.formatted(filter[0], filter[0], filter[1], filter[2]));
            Cli.Result run = Cli.run("run", file.toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            ids.add(JSON.readTree(run.out()).get("run").stringValue());
        }

        Path out = dir.resolve("out");
        Cli.Result export = Cli.run("results", ids.get(0), ids.get(1), "--format", "lm-eval", "--output", out.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        // lm-eval's evaluation tracker: <output>/<sanitize_model_name(model_name)>/results_<date>.json
        Path modelDir = out.resolve("org__model-7b");
        List<Path> files;
        try (var listed = Files.list(modelDir)) {
            files = listed.toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .matches("results_\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}\\.\\d{6}\\.json"));
        assertThat(export.err()).isEqualTo("evalbatch: wrote " + files.get(0) + "\n");
        JsonNode results = JSON.readTree(Files.readString(files.get(0)));

        assertThat(LmEvalTable.makeTable(results)).containsExactly(
                List.of("gsm8k", "3", "flexible-extract", " ", "exact_match", "↑", "1.0000", "±", "0.0000"),
                List.of("", "3", "strict-match", " ", "exact_match", "↑", "0.5000", "±", "0.5000"));
        assertThat(results.path("model_name").stringValue()).isEqualTo("org/model-7b");
        assertThat(results.path("config").path("model_args").stringValue()).isEqualTo("model=org/model-7b");
        assertThat(results.path("configs").path("gsm8k").path("filter_list").findValuesAsString("name"))
                .containsExactly("strict-match", "flexible-extract");
        double start = results.path("start_time").doubleValue();
        double end = results.path("end_time").doubleValue();
        assertThat(end).isGreaterThanOrEqualTo(start);
        assertThat(Double.parseDouble(results.path("total_evaluation_time_seconds").stringValue()))
                .isCloseTo(end - start, offset(1e-6));

        // The same run twice, or runs of two labels, are refused with the reason.
        Cli.Result twice = Cli.run("results", ids.get(0), ids.get(0), "--format", "lm-eval");
        assertThat(twice.exitCode()).isEqualTo(2);
        assertThat(twice.err()).startsWith("a RUN_ID is given twice");
    }
}

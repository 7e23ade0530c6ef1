package io.evalbatch.filter.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * lm-eval logs hold two responses per generation: the model's own (resps) and what lm-eval's filter
 * made of it (filtered_resps), which is what evalbatch scores by default. An extract pattern written
 * for the model's text matches none of the filtered answers: the run says so, and
 * input.responses: raw scores the model's own.
 */
@DatabaseTest
class RawResponsesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void anExtractPatternThatMatchesNothingIsReportedAndRawResponsesAreScored() {
        SamplesFiles.write(dir.resolve("samples_gsm_2026-12-01T00-00-00.jsonl"), """
                {"doc_id": 0, "doc": {}, "target": "42", "resps": [["6 times 7 is 42.\\n#### 42"]], "filtered_resps": [["42"]], "filter": "strict-match"}
                {"doc_id": 1, "doc": {}, "target": "5", "resps": [["2 plus 2 is 4.\\n#### 4"]], "filtered_resps": [["4"]], "filter": "strict-match"}
                """);
        String job = """
                name: gsm
                input: {format: lm-eval, files: [samples_gsm_2026-12-01T00-00-00.jsonl]%s}
                filter: {name: exact-match, extract: "#### (\\\\-?[0-9.,]+)"}
                execution: {cache: false}
                metrics: {exact-match: true, pass-at-k: []}
                """;
        Cli.Result filtered = Cli.run("run", SamplesFiles.job(dir, job.formatted("")).toString(), "--format", "json");
        assertThat(filtered.exitCode()).as(filtered.err()).isZero();
        assertThat(filtered.err()).contains("task gsm: every extracted answer is [invalid]")
                .contains("input.responses: raw scores the model's own (resps)");
        assertThat(exactMatch(filtered)).isZero();

        String rawId = "raw-" + System.nanoTime();
        Cli.Result raw = Cli.run("run", SamplesFiles.job(dir, job.formatted(", responses: raw")).toString(),
                "--id", rawId, "--format", "json");
        assertThat(raw.exitCode()).as(raw.err()).isZero();
        assertThat(raw.err()).doesNotContain("[invalid]");
        // 42 is right, 4 is not 5
        assertThat(exactMatch(raw)).isEqualTo(0.5);
        // the job sets no chunk: the run stored exact-match's
        assertThat(RunQueries.onTestDatabase().jdbc()
                .sql("select cast(definition as jsonb) -> 'execution' ->> 'chunk' from eval_run where run_id = ?")
                .param(rawId).query(String.class).single()).isEqualTo("1000");
    }

    private static double exactMatch(Cli.Result run) {
        for (JsonNode metric : JSON.readTree(run.out()).get("metrics")) {
            if (metric.get("metric").stringValue().equals("exact_match")) {
                return metric.get("value").doubleValue();
            }
        }
        throw new AssertionError("no exact_match in " + run.out());
    }
}

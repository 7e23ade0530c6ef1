package io.evalbatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.ingest.LmEvalOrigin;
import io.evalbatch.metrics.MetricRow;
import io.evalbatch.metrics.TaskFacts;
import io.evalbatch.report.RunOverview;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The lm-eval export's choices that no run of the GSM8K job shows: directions, names, refusals. */
class LmEvalResultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LmEvalOrigin NONE = new LmEvalOrigin(Map.of(), null, null, null, List.of());

    @TempDir
    Path dir;

    private JobDefinition job(String label) {
        return new JobDefinitions().read(SamplesFiles.job(dir, """
                name: costs
                %s
                input: {format: human-eval, files: [a.jsonl]}
                filter: {name: test}
                metrics: {mean: true, fields: {cost: [mean]}, lower-is-better: [cost]}
                """.formatted(label == null ? "" : "label: \"" + label + "\"")));
    }

    private static LmEvalResults.Run run(String id, JobDefinition definition) {
        RunOverview overview = new RunOverview(id, "costs", "a.jsonl", "COMPLETED", null, 4, 4, 0,
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:01Z"),
                Instant.parse("2026-12-01T10:00:31.5Z"), definition.label());
        return new LmEvalResults.Run(overview, definition, "1", "", List.of(
                new MetricRow(id, "task", "humaneval", "mean", "documents", 0.5, 0.25, null, 4, 4L, null, 0),
                new MetricRow(id, "task", "humaneval", "cost:mean", "documents", 0.012, null, null, 4, 4L, null, 0)),
                List.of(new TaskFacts("humaneval", "none", 4, 4, 1)));
    }

    @Test
    void costLikeFieldsAreLowerIsBetterAndTheLabelNamesTheModelDirectory() {
        LmEvalResults.Export export = new LmEvalResults().export(List.of(run("r1", job("meta-llama/Llama-3 <8B>"))), NONE);
        JsonNode root = JSON.readTree(export.text());
        assertThat(root.path("higher_is_better").path("humaneval").path("mean").booleanValue()).isTrue();
        assertThat(root.path("higher_is_better").path("humaneval").path("cost:mean").booleanValue()).isFalse();
        assertThat(root.path("results").path("humaneval").path("cost:mean_stderr,none").stringValue())
                .as("one value per document but no error known").isEqualTo("N/A");
        assertThat(root.path("versions").path("humaneval").stringValue()).isEqualTo("test-1");
        // lm-eval's sanitize_model_name: re.sub(r"[\"<>:/|\\?*\[\]]+", "__", name)
        assertThat(export.modelDirectory()).isEqualTo("meta-llama__Llama-3 __8B__");
        assertThat(root.path("total_evaluation_time_seconds").stringValue()).isEqualTo("30.5");
        assertThat(export.fileName()).matches("results_2026-12-01T\\d\\d-00-31\\.500000\\.json");
    }

    @Test
    void runsOfTwoLabelsOrOneTaskAndFilterTwiceAreNotOneExport() {
        assertThatThrownBy(() -> new LmEvalResults().export(List.of(run("r1", job("a")), run("r2", job("b"))), NONE))
                .hasMessage("the runs are labelled 'a' and 'b': one export holds the results of one model");
        assertThatThrownBy(() -> new LmEvalResults().export(List.of(run("r1", job("a")), run("r2", job("a"))), NONE))
                .hasMessage("runs r1 and r2 both hold humaneval mean,none: export them one at a time");
    }
}

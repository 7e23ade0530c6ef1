package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An lm-eval user's path, each step a separate evalbatch process: a GSM8K log scored with a
 * label, the warning that every answer is [invalid], the runs listed with their label, two runs
 * compared by label, and the lm-eval results file written where lm-eval would write it.
 */
@Tag("slow")
class LmEvalPathTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void labelledGsm8kRunsExportedAndComparedByLabel() throws Exception {
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String job = Path.of("jobs/gsm8k.yaml").toAbsolutePath().toString();
        String label = "tinyllama-" + System.nanoTime();

        Launched first = evalbatch.finish(0, "run", job, "--label", label, "--no-cache", "--format", "json");
        String id = JSON.readTree(first.out()).get("run").stringValue();
        // the model's answers hold no "#### n": the run completes and says so (the log is real)
        assertThat(first.err().lines().filter(l -> l.startsWith("task gsm8k:")).findFirst().orElseThrow())
                .isEqualTo("task gsm8k: every extracted answer is [invalid]: the extract pattern matched no response. "
                        + "('evalbatch show " + id + " SAMPLE' shows a response whole)");
        Launched second = evalbatch.finish(0, "run", job, "--label", label + "-again", "--format", "json");
        String again = JSON.readTree(second.out()).get("run").stringValue();

        JsonNode runs = JSON.readTree(evalbatch.finish(0, "runs", "--job", "gsm8k", "--format", "json").out())
                .get("runs");
        assertThat(runs.findValues("label").stream().map(JsonNode::stringValue).toList())
                .contains(label, label + "-again");

        Launched compared = evalbatch.finish(0, "compare", label, label + "-again", "--format", "json");
        assertThat(compared.err().lines().toList()).contains(
                "evalbatch: '" + label + "' is run " + id + ", the newest completed run with that label",
                "evalbatch: '" + label + "-again' is run " + again + ", the newest completed run with that label");
        assertThat(JSON.readTree(compared.out()).get("differences").findValues("difference"))
                .allSatisfy(d -> assertThat(d.doubleValue()).isZero());

        Launched exported = evalbatch.finish(0, "results", id, "--format", "lm-eval", "--output", dir.resolve("out").toString());
        List<Path> files;
        try (var listed = Files.list(dir.resolve("out").resolve(label))) {
            files = listed.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(exported.err().lines().findFirst().orElseThrow()).isEqualTo("evalbatch: wrote " + files.get(0));
        JsonNode results = JSON.readTree(Files.readString(files.get(0)));
        assertThat(results.path("model_name").stringValue()).isEqualTo(label);
        assertThat(results.path("n-shot").path("gsm8k").intValue()).isEqualTo(5);

        Launched badLabel = evalbatch.start("run", job, "--label", " ");
        assertThat(badLabel.exit(Duration.ofMinutes(1))).isEqualTo(2);
        assertThat(badLabel.err().lines().findFirst().orElseThrow())
                .isEqualTo("--label must be one line of 1 to 200 characters, not ' '");
        Launched unknown = evalbatch.start("compare", "no-such-label", id);
        assertThat(unknown.exit(Duration.ofMinutes(1))).isEqualTo(4);
        assertThat(unknown.err().lines().findFirst().orElseThrow()).isEqualTo("evalbatch: No run with id "
                + "'no-such-label' and no completed run labelled so. 'evalbatch runs' lists the runs.");
    }
}

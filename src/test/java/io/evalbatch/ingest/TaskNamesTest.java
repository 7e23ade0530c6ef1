package io.evalbatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.definition.InputFormat;
import org.junit.jupiter.api.Test;

/** A task names the benchmark, whichever model's file holds the answers. */
class TaskNamesTest {

    @Test
    void theBenchmarkNotTheModelFile() {
        assertThat(TaskNames.of(Path.of("models/Claude_custom.jsonl"), InputFormat.HUMAN_EVAL, null))
                .isEqualTo("humaneval");
        assertThat(TaskNames.of(Path.of("samples_gsm8k_2026-11-27T00-00-00.000000.jsonl"), InputFormat.LM_EVAL, null))
                .isEqualTo("gsm8k");
        // bigcode-evaluation-harness's --save_generations writes generations_<task>.json
        assertThat(TaskNames.of(Path.of("out/generations_multiple-cpp.json"), InputFormat.BIGCODE, null))
                .isEqualTo("multiple-cpp");
        assertThat(TaskNames.of(Path.of("starcoder_humaneval.json"), InputFormat.BIGCODE, null))
                .isEqualTo("starcoder_humaneval");
    }

    @Test
    void aJobThatMeansOneTaskPerFileSaysSo() {
        assertThat(TaskNames.of(Path.of("models/Claude_custom.jsonl.gz"), InputFormat.HUMAN_EVAL, "{file}"))
                .isEqualTo("Claude_custom");
        assertThat(TaskNames.of(Path.of("a.jsonl"), InputFormat.HUMAN_EVAL, "humaneval-{file}"))
                .isEqualTo("humaneval-a");
    }
}

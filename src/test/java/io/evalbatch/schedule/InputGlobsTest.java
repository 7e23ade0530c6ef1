package io.evalbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputGlobsTest {

    @TempDir
    Path dir;

    @Test
    void globsMatchFilesNowAndPlainPathsCountWhenTheyExist() {
        SamplesFiles.write(dir.resolve("in/b.jsonl"), "x");
        SamplesFiles.write(dir.resolve("in/a.jsonl"), "x");
        SamplesFiles.write(dir.resolve("in/notes.txt"), "x");
        SamplesFiles.write(dir.resolve("in/deeper/c.jsonl"), "x");
        SamplesFiles.write(dir.resolve("fixed.jsonl"), "x");

        assertThat(InputGlobs.expand(List.of(dir.resolve("in/*.jsonl"))))
                .containsExactly(dir.resolve("in/a.jsonl"), dir.resolve("in/b.jsonl"));
        assertThat(InputGlobs.expand(List.of(dir.resolve("in/**.jsonl"))))
                .containsExactly(dir.resolve("in/a.jsonl"), dir.resolve("in/b.jsonl"), dir.resolve("in/deeper/c.jsonl"));
        assertThat(InputGlobs.expand(List.of(dir.resolve("fixed.jsonl"), dir.resolve("missing.jsonl"),
                dir.resolve("nowhere/*.jsonl")))).containsExactly(dir.resolve("fixed.jsonl"));
    }

    @Test
    void contentHashNamesContentNotFiles() {
        Path a = SamplesFiles.write(dir.resolve("a.jsonl"), "same");
        Path b = SamplesFiles.write(dir.resolve("b.jsonl"), "same");
        Path c = SamplesFiles.write(dir.resolve("c.jsonl"), "other");
        assertThat(ScheduledEvaluation.contentHash(a)).isEqualTo(ScheduledEvaluation.contentHash(b))
                .isNotEqualTo(ScheduledEvaluation.contentHash(c))
                // sha256("same"), from sha256sum
                .isEqualTo("0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5");
    }
}

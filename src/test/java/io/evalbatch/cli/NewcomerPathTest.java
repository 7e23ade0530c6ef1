package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A new user's first hour, each step a separate evalbatch process on a fresh embedded database:
 * a run, a query of its results, a run that failed because of its job file continued with the
 * fixed file, one failed sample looked at, and the runs deleted. Exit codes and the first line of
 * each message are what the docs say (commands.md, restart.md).
 */
@Tag("slow")
class NewcomerPathTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void runQueryFixRestartShowDelete() throws Exception {
        EvalbatchProcesses evalbatch = EvalbatchProcesses.embedded(dir, Files.createDirectories(dir.resolve("home")));
        SamplesFiles.write(dir.resolve("samples.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return False\\n"}
                {"task_id": "HumanEval/2", "completion": "    return number % 1.0\\n"}
                """);
        Path good = SamplesFiles.job(dir, """
                name: first-hour
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: python, timeout: 3.0}
                """);
        Launched run = evalbatch.finish(0, "run", good.toString(), "--id", "first", "--format", "json");
        assertThat(JSON.readTree(run.out()).get("status").stringValue()).isEqualTo("COMPLETED");

        Launched query = evalbatch.finish(0, "sql", "select doc_id, outcome from sample_result where run_id = 'first' "
                + "order by doc_id", "--format", "csv");
        assertThat(query.out()).isEqualTo("doc_id,outcome\r\nHumanEval/0,failed\r\nHumanEval/2,passed\r\n");

        // A job whose python setting is wrong fails before anything is scored...
        Path broken = SamplesFiles.job(dir, """
                name: first-hour
                input: {format: human-eval, files: [samples.jsonl]}
                filter: {name: python, timeout: 3.0, python: no-such-python}
                """);
        Launched failed = evalbatch.start("run", broken.toString(), "--id", "second");
        assertThat(failed.exit(java.time.Duration.ofMinutes(2))).isNotZero();
        // ...and continues with the fixed file.
        Launched fixed = evalbatch.finish(0, "restart", "second", "--job", good.toString());
        assertThat(fixed.err()).contains("run second: filter replaced: no sample had been read yet, so every one is "
                + "scored with it");
        assertThat(fixed.out()).contains("run second: COMPLETED");

        Launched shown = evalbatch.finish(0, "show", "first", "humaneval", "HumanEval/0");
        assertThat(shown.out().lines().findFirst().orElseThrow())
                .isEqualTo("run first, sample 0: task humaneval, document HumanEval/0, repeat 0");
        assertThat(shown.out()).contains("outcome:  failed").contains("check(has_close_elements)");

        Launched deleted = evalbatch.finish(0, "delete", "first", "second", "--yes");
        assertThat(deleted.err()).contains("deleted run first (2 samples)").contains("deleted run second");
        JsonNode left = JSON.readTree(evalbatch.finish(0, "runs", "--format", "json").out()).get("runs");
        assertThat(left).isEmpty();
        Launched unknown = evalbatch.start("show", "first", "0");
        assertThat(unknown.exit(java.time.Duration.ofMinutes(1))).isEqualTo(4);
        assertThat(unknown.err().lines().filter(l -> l.startsWith("evalbatch:")).findFirst().orElseThrow())
                .isEqualTo("evalbatch: No run with id 'first'. 'evalbatch runs' lists the runs.");
    }
}

package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.evalbatch.support.EvalbatchProcesses;
import io.evalbatch.support.EvalbatchProcesses.Launched;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandbox servers killed from outside (an OOM killer, an operator) three times while a run scores:
 * each sample in flight is scored again on a new server, and the run completes with the outcomes
 * of a run nobody disturbed.
 */
@Tag("slow")
class SandboxKilledDuringRunTest {

    @TempDir
    Path dir;

    @Test
    void runCompletesWithUndisturbedOutcomesWhenItsSandboxesAreKilled() throws Exception {
        // 30 ms programs, half of them passing: HumanEval/0's check accepts this completion.
        StringBuilder lines = new StringBuilder();
        for (int r = 0; r < 60; r++) {
            String body = r % 2 == 0
                    ? "    import time\\n    time.sleep(0.03)\\n    return any(abs(a - b) < threshold for i, a in "
                            + "enumerate(numbers) for b in numbers[i + 1:])\\n"
                    : "    import time\\n    time.sleep(0.03)\\n    return None\\n";
            lines.append("{\"task_id\": \"HumanEval/0\", \"completion\": \"").append(body).append("\"}\n");
        }
        SamplesFiles.write(dir.resolve("killed.jsonl"), lines.toString());
        Path job = SamplesFiles.job(dir, """
                name: sandbox-killed
                input: {format: human-eval, files: [killed.jsonl]}
                filter: {name: python}
                execution: {partitions: 2, threads: 2, chunk: 2, cache: false}
                """);
        EvalbatchProcesses evalbatch = EvalbatchProcesses.onTestDatabase(dir);
        String id = "sandbox-killed-" + UUID.randomUUID().toString().substring(0, 8);

        Launched run = evalbatch.start("run", job.toString(), "--id", id);
        int killed = 0;
        for (long scored : List.of(6L, 20L, 34L)) {
            run.awaitScored(scored, Duration.ofMinutes(2));
            List<ProcessHandle> sandboxes = run.process().descendants()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("sandbox.py")).orElse(false))
                    .toList();
            sandboxes.forEach(ProcessHandle::destroyForcibly);
            killed += sandboxes.size();
        }
        run.finish(0);
        assertThat(killed).isGreaterThanOrEqualTo(3);

        evalbatch.finish(0, "run", job.toString(), "--id", id + "-clean");
        RunQueries runs = RunQueries.onTestDatabase();
        assertThat(runs.results(id)).hasSize(60).isEqualTo(runs.results(id + "-clean"));
        assertThat(runs.results(id)).extracting(RunQueries.ResultRow::outcome).containsOnly("passed", "failed")
                .filteredOn("passed"::equals).hasSize(30);
    }
}

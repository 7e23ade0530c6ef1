package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.LedgerSimulator;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run that failed because of its job file continues with the corrected file: restart --job
 * takes a fixed filter, and refuses other inputs once samples were read from the old ones.
 */
@DatabaseTest
class RestartWithJobTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aRunWhoseSimulatorPathWasWrongContinuesWithTheFixedJobFile() {
        LedgerSimulator simulator = LedgerSimulator.write(dir, 0);
        LedgerSimulator.samples(dir, "fixable", 20);
        String filter = simulator.filterYaml().strip();
        Path broken = SamplesFiles.write(dir.resolve("broken.yaml"), """
                name: fixable
                input: {format: lm-eval, files: [samples_fixable_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {cache: false}
                """.formatted(filter.replace("ledger_simulator.py", "no_such_simulator.py")));
        Cli.Result failed = Cli.run("run", broken.toString(), "--format", "json");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains("add --job JOB.yaml when the fix is in the job file");
        String id = JSON.readTree(failed.out()).get("run").stringValue();

        // Without the fix the restart fails the same way.
        assertThat(Cli.run("restart", id).exitCode()).isEqualTo(1);

        Path fixed = SamplesFiles.write(dir.resolve("fixed.yaml"), """
                name: fixable
                input: {format: lm-eval, files: [samples_fixable_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {cache: false}
                """.formatted(filter));
        Cli.Result restarted = Cli.run("restart", id, "--job", fixed.toString());
        assertThat(restarted.exitCode()).as(restarted.err()).isZero();
        assertThat(restarted.err()).contains("run " + id + ": filter replaced: the 0 samples already scored keep "
                + "their results; the other 40 are scored with the new filter");
        assertThat(RunQueries.onTestDatabase().distinctResults(id)).isEqualTo(40);
        assertThat(simulator.lines()).hasSize(40);

        // Other inputs than the samples were read from: refused, naming the difference.
        LedgerSimulator.samples(dir, "other", 5);
        Path otherInput = SamplesFiles.write(dir.resolve("other.yaml"), """
                name: fixable
                input: {format: lm-eval, files: [samples_other_2026-11-28T00-00-00.jsonl]}
                %s
                execution: {cache: false}
                """.formatted(filter));
        Cli.Result refused = Cli.run("restart", id, "--job", otherInput.toString());
        assertThat(refused.exitCode()).isEqualTo(4);
        assertThat(refused.err()).contains("differs from run " + id + "'s (files").contains("its 40 samples were read "
                + "from the old one");
    }
}

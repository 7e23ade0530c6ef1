package io.evalbatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** delete, and what runs and restart say when there is nothing to list or nothing to do. */
@DatabaseTest
class HousekeepingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void deleteRemovesRunsWithEverythingStoredAndRefusesWhatItCannotConfirm() {
        String first = run("housekeeping-a");
        String second = run("housekeeping-b");
        Cli.Result unconfirmed = Cli.run("delete", first);
        assertThat(unconfirmed.exitCode()).isEqualTo(2);
        assertThat(unconfirmed.err()).contains("add --yes to delete without a terminal to confirm on");
        assertThat(Cli.run("delete", "no-such-run", "--yes").exitCode()).isEqualTo(4);
        // one unknown id deletes nothing of the others
        assertThat(Cli.run("delete", first, "no-such-run", "--yes").exitCode()).isEqualTo(4);
        assertThat(count("select count(*) as n from sample where run_id = '" + first + "'")).isEqualTo(6);

        Cli.Result deleted = Cli.run("delete", first, second, "--yes");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.err()).contains("deleted run " + first + " (6 samples)").contains("deleted run " + second);
        for (String table : new String[] {"eval_run", "sample", "result", "metric"}) {
            assertThat(count("select count(*) as n from " + table + " where run_id in ('" + first + "', '" + second
                    + "')")).as(table).isZero();
        }
    }

    @Test
    void runsOfAJobWithoutRunsSaysSoAndNamesTheJobsThatHaveSome() {
        run("housekeeping-listed");
        assertThat(Cli.run("runs", "--job", "no-such-job").out())
                .startsWith("No run of job 'no-such-job'. Jobs with runs: ").contains("housekeeping-listed");
    }

    @Test
    void restartingACompletedRunSaysThereWasNothingToDo() {
        String id = run("housekeeping-done");
        Cli.Result again = Cli.run("restart", id);
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("run " + id + " had completed already: nothing was left to do");
    }

    private long count(String sql) {
        return JSON.readTree(Cli.run("sql", sql, "--format", "json").out()).get(0).get("n").longValue();
    }

    private String run(String job) {
        SamplesFiles.humanEval(dir, 3, 2);
        Path definition = SamplesFiles.job(dir, """
                name: %s
                input: {format: human-eval, files: [samples-3x2.jsonl]}
                filter: {name: test}
                execution: {cache: false}
                """.formatted(job));
        Cli.Result result = Cli.run("run", definition.toString(), "--format", "json");
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out()).get("run").stringValue();
    }
}

package io.evalbatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.UUID;

import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** One scheduler's firings, called directly: which files make a new run. */
@DatabaseTest
class ScheduledEvaluationTest {

    @Autowired
    ScheduledEvaluation evaluation;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void aFileIsEvaluatedAgainOnlyWhenItsContentChanged() throws Exception {
        Path definition = scheduledJob("firing-" + UUID.randomUUID().toString().substring(0, 8), "in");
        Path file = SamplesFiles.write(dir.resolve("in/a.jsonl"), line(1));

        assertThat(evaluation.fire(definition)).hasSize(1);
        assertThat(evaluation.fire(definition)).as("nothing new").isEmpty();

        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(evaluation.fire(definition)).as("touched, same content").isEmpty();

        SamplesFiles.write(file, line(2));
        assertThat(evaluation.fire(definition)).as("changed content").hasSize(1);

        SamplesFiles.write(dir.resolve("in/copy.jsonl"), line(1));
        assertThat(evaluation.fire(definition)).as("the first content under another name").isEmpty();
    }

    @Test
    void aClaimFromBeforeFileStatesWereKeptIsRespected() throws Exception {
        String job = "old-claim-" + UUID.randomUUID().toString().substring(0, 8);
        Path definition = scheduledJob(job, "old");
        Path file = SamplesFiles.write(dir.resolve("old/a.jsonl"), line(3));
        assertThat(evaluation.fire(definition)).hasSize(1);
        // As a claim made before V10 looks: no size, no modification time.
        assertThat(jdbc.sql("update scheduled_input set file_size = null, modified_at = null where job_name = ?")
                .param(job).update()).isEqualTo(1);

        assertThat(evaluation.fire(definition)).as("same content, hashed again").isEmpty();
        SamplesFiles.write(file, line(4));
        assertThat(evaluation.fire(definition)).as("changed content").hasSize(1);
    }

    /** A job scheduled nightly on the files {@code subdir/*.jsonl}. */
    private Path scheduledJob(String name, String subdir) {
        return SamplesFiles.job(dir, """
                name: %s
                schedule: "0 0 3 * * ?"
                input: {format: human-eval, files: ["%s/*.jsonl"]}
                filter: {name: test}
                """.formatted(name, subdir));
    }

    private String line(int n) {
        return "{\"task_id\": \"HumanEval/0\", \"completion\": \"    return " + n + "  # " + dir + "\\n\"}\n";
    }
}

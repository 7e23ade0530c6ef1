package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.run.RunEnd;
import io.evalbatch.run.RunService;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The generic form: a problems file whose tests are a list of asserts, with integer task ids. */
@DatabaseTest
class MbppStyleTest {

    @Autowired
    RunService runs;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    @Test
    void listsOfAssertsAreRunAfterTheWholeProgramCompletion() {
        SamplesFiles.write(dir.resolve("mbpp.jsonl"), """
                {"task_id": 2, "text": "Find the shared elements of two lists.", "test_list": ["assert set(similar_elements((3, 4, 5, 6), (5, 7, 4, 10))) == set((4, 5))", "assert set(similar_elements((1, 2, 3, 4), (5, 4, 3, 7))) == set((3, 4))"]}
                {"task_id": 3, "text": "Identify non-prime numbers.", "test_list": ["assert is_not_prime(2) == False", "assert is_not_prime(10) == True"]}
                """);
        SamplesFiles.write(dir.resolve("model.jsonl"), """
                {"task_id": 2, "completion": "def similar_elements(a, b):\\n    return tuple(set(a) & set(b))"}
                {"task_id": 3, "completion": "def is_not_prime(n):\\n    return n % 2 == 0"}
                {"task_id": 3, "completion": "import math\\ndef is_not_prime(n):\\n    return any(n % i == 0 for i in range(2, math.isqrt(n) + 1))"}
                """);
        var definition = new JobDefinitions().read(SamplesFiles.job(dir, """
                name: mbpp-style
                input:
                  format: human-eval
                  files: [model.jsonl]
                  problems: mbpp.jsonl
                  task: mbpp
                  fields: {prompt: null, test: test_list, entry_point: null}
                filter: {name: python, program: "{response}\\n{test}\\n"}
                execution: {cache: false}
                """));

        RunEnd outcome = runs.start(definition, null);

        assertThat(outcome.status()).isEqualTo("COMPLETED");
        List<String> outcomes = jdbc.sql("select outcome from sample_result where run_id = ? order by sample_id")
                .param(outcome.runId()).query(String.class).list();
        // n % 2 == 0 calls 2 a non-prime: the first completion of task 3 fails its first assert
        assertThat(outcomes).containsExactly("passed", "failed", "passed");
    }
}

package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.MultiplEReference;
import io.evalbatch.support.Requires;
import io.evalbatch.support.RunQueries;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The program filter's job files as a user runs them: each sample stored with the reference's
 * status and the run's pass@1 the reference's; another answers file through --input; a
 * toolchain that cannot run refused before any run exists.
 */
@DatabaseTest
@Tag("slow")
class ProgramJobsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void theMultiplEJavaScriptJobStoresTheReferenceStatusOfEverySample() {
        Requires.language("javascript");
        Cli.Result run = Cli.run("run", "jobs/multipl-e-js.yaml", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();
        RunQueries db = RunQueries.onTestDatabase();
        Map<String, String> stored = new TreeMap<>();
        db.jdbc().sql("select s.doc_id, r.fields->>'status' from sample s join result r using (run_id, sample_id) "
                + "where s.run_id = ?").param(id).query((rs, n) -> stored.put(rs.getString(1), rs.getString(2))).list();
        assertThat(stored).isEqualTo(new TreeMap<>(MultiplEReference.statuses("javascript")));
        JsonNode js = MultiplEReference.reference().path("per_language").path("js");
        double passAt1 = js.path("passed").asDouble() / js.path("n").asDouble();
        assertThat(db.metrics(id)).filteredOn(m -> m.metric().equals("pass@1"))
                .singleElement().satisfies(m -> assertThat(m.value()).isCloseTo(passAt1, org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void multiplECompletionRecordsRunAsPromptCompletionAndTestsInTheirLanguage() {
        Requires.language("javascript");
        // MultiPL-E's own format: a continuation of the prompt per completion, language "js"
        SamplesFiles.write(dir.resolve("add.jsonl"), """
                {"name": "HumanEval_53_add", "language": "js", "prompt": "function add(x, y){\\n", "tests": "const assert = require('node:assert');\\nassert.deepEqual(add(5, 7), 12);\\n", "stop_tokens": ["\\nfunction "], "completions": ["  return x + y;\\n}\\n", "  return x - y;\\n}\\n"]}
                """);
        Cli.Result run = Cli.run("run", SamplesFiles.job(dir, """
                name: multipl-e-direct
                input: {format: multipl-e, files: [add.jsonl]}
                filter: {name: program, language: [javascript]}
                execution: {cache: false}
                """).toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();
        assertThat(RunQueries.onTestDatabase().results(id)).extracting(RunQueries.ResultRow::outcome)
                .containsExactly("passed", "failed");
    }

    @Test
    void anotherAnswersFileOfTheSameProblemsIsScoredThroughInput() throws Exception {
        Requires.language("javascript");
        Path answers = dir.resolve("answers.jsonl");
        // One answer right, one leaving through process.exit(0) before its tests ran, one wrong.
        SamplesFiles.write(answers, """
                {"task_id": "HumanEval_53_add", "completion": "```js\\nfunction add(x, y){\\n  return x + y;\\n}\\n```"}
                {"task_id": "HumanEval_53_add", "completion": "```js\\nfunction add(x, y){\\n  process.exit(0);\\n}\\n```"}
                {"task_id": "HumanEval_53_add", "completion": "```js\\nfunction add(x, y){\\n  return x - y;\\n}\\n```"}
                """);
        Cli.Result run = Cli.run("run", "jobs/multipl-e-js.yaml", "--input", answers.toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();
        assertThat(RunQueries.onTestDatabase().results(id)).extracting(RunQueries.ResultRow::outcome)
                .containsExactly("passed", "failed", "failed");
        assertThat(RunQueries.onTestDatabase().results(id).get(1).detail()).contains("no completion token");
        assertThat(RunQueries.onTestDatabase().results(id).get(2).detail()).startsWith("AssertionError");
    }

    @Test
    void theStdinStdoutJobJudgesEveryLabelledSolution() {
        Requires.language("cpp");
        Cli.Result run = Cli.run("run", "jobs/io-tests.yaml", "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = JSON.readTree(run.out()).get("run").stringValue();
        // Labels: code_contests/17 none of 3 accepted, each LiveCodeBench problem 1 of 2.
        assertThat(RunQueries.onTestDatabase().metrics(id)).filteredOn(m -> m.metric().equals("pass@1"))
                .singleElement().satisfies(m -> assertThat(m.value()).isCloseTo((0 + 0.5 + 0.5) / 3,
                        org.assertj.core.data.Offset.offset(1e-9)));
        // The near miss passes 128 of 132; the two rejected C++ samples none; each LiveCodeBench pass all.
        double fraction = ((128.0 / 132 + 0 + 0) / 3 + (1 + 0) / 2.0 + (1 + 0) / 2.0) / 3;
        assertThat(RunQueries.onTestDatabase().metrics(id)).filteredOn(m -> m.metric().equals("test_fraction:mean"))
                .singleElement().satisfies(m -> assertThat(m.value()).isCloseTo(fraction,
                        org.assertj.core.data.Offset.offset(1e-9)));
    }

    @Test
    void aToolchainThatCannotRunIsRefusedBeforeAnyRunExists() throws Exception {
        SamplesFiles.write(dir.resolve("answers.jsonl"), """
                {"task_id": "HumanEval_53_add", "completion": "fn add(x: isize, y: isize) -> isize { x + y }"}
                """);
        Path job = SamplesFiles.job(dir, """
                name: broken-rust
                input:
                  format: human-eval
                  files: [answers.jsonl]
                  problems: %s
                  fields: {task_id: task_id, prompt: prompt, test: tests, entry_point: null}
                filter:
                  name: program
                  language: rust
                  languages: {rust: {compile: [no-such-rustc, -o, main, main.rs]}}
                """.formatted(Path.of("jobs/examples/multipl-e/humaneval-rs.jsonl.gz").toAbsolutePath()));
        long before = RunQueries.onTestDatabase().jdbc().sql("select count(*) from eval_run").query(Long.class).single();
        Cli.Result run = Cli.run("run", job.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("filter.language").contains("language 'rust'").contains("no-such-rustc")
                .contains("not found on PATH").doesNotContain("\tat ");
        assertThat(RunQueries.onTestDatabase().jdbc().sql("select count(*) from eval_run").query(Long.class).single())
                .isEqualTo(before);
    }

    /**
     * The Perl MultiPL-E job on a machine whose Perl cannot find Test::Deep (its include path
     * pointed away from where Debian installs it): the hello program still runs, but the run is
     * refused before it exists, naming the language, the missing module and its package, instead
     * of scoring all 161 answers failed.
     */
    @Test
    void aMissingTestLibraryIsRefusedBeforeAnyRunExists() throws Exception {
        Requires.language("perl");
        Path job = SamplesFiles.job(dir, """
                name: perl-without-test-deep
                input:
                  format: human-eval
                  files: [%s]
                  problems: %s
                  fields: {task_id: task_id, prompt: prompt, test: tests, entry_point: null}
                filter:
                  name: program
                  language: perl
                  preset: multipl-e
                  languages: {perl: {run: [perl, "-M-lib=/usr/share/perl5", "{file}"]}}
                """.formatted(Path.of("jobs/examples/multipl-e/samples-humaneval-pl.jsonl.gz").toAbsolutePath(),
                Path.of("jobs/examples/multipl-e/humaneval-pl.jsonl.gz").toAbsolutePath()));
        long before = RunQueries.onTestDatabase().jdbc().sql("select count(*) from eval_run").query(Long.class).single();
        Cli.Result run = Cli.run("run", job.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).contains("filter.language: language 'perl': a known-good MultiPL-E program fails")
                .contains("Can't locate Test/Deep.pm").contains("libtest-deep-perl").doesNotContain("\tat ");
        assertThat(RunQueries.onTestDatabase().jdbc().sql("select count(*) from eval_run").query(Long.class).single())
                .isEqualTo(before);
    }

    /** Every MultiPL-E language's known-good program passes through the preset where its toolchain is whole. */
    @ParameterizedTest
    @ValueSource(strings = {"javascript", "cpp", "java", "rust", "bash", "perl"})
    void eachLanguagesHarnessProbePassesOnAWholeMachine(String language) {
        Requires.language(language);
        new ProgramFilterProvider(io.evalbatch.filter.ScorerEvents.NONE).validate(new io.evalbatch.definition.FilterSpec(
                "job.yaml", "program", java.util.Map.of("language", language, "preset", "multipl-e")));
    }
}

package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.Requires;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled stdin/stdout solutions of the io-tests example (reference in {@code reference/io-tests}), judged with
 * SandboxFusion's rule: every label, every extracted program and every per-test pass count as
 * the reference computed them, with every case run (the Python near miss passes 128 of 132).
 */
@Tag("slow")
class IoTestsReferenceTest {

    static final Path DIRECTORY = ReferenceData.EXAMPLES.resolve("io-tests");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Map<String, JsonNode> problems;
    private static Map<String, JsonNode> samples;
    private static JsonNode reference;

    @BeforeAll
    static void read() throws IOException {
        Requires.language("cpp");
        problems = ReferenceData.rows(DIRECTORY.resolve("problems.jsonl.gz"), "id");
        samples = ReferenceData.rows(DIRECTORY.resolve("samples.jsonl"), "sample_id");
        reference = ReferenceData.json(ReferenceData.ROOT.resolve("io-tests/reference.json")).path("per_sample");
    }

    @Test
    void everyLabelAndPerTestCountComesOutAsTheReferenceComputedIt() {
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", java.util.List.of("python", "cpp"),
                "tests", "io", "extract", "sandboxfusion", "compare", "sandboxfusion", "stop-at-first-failure", false,
                "timeout", 10, "wall-timeout", 20));
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        provider.validate(spec);
        Map<String, String> different = new LinkedHashMap<>();
        try (SimulationFilter filter = provider.create(spec)) {
            long id = 0;
            for (Map.Entry<String, JsonNode> entry : samples.entrySet()) {
                Sample sample = sample(id++, entry.getValue());
                JsonNode expected = reference.path(entry.getKey());
                assertThat(provider.program(spec, sample)).as(entry.getKey() + ": extracted program")
                        .contains(expected.path("extracted_code").asString());
                FilterResult result = filter.evaluate(sample);
                JsonNode computed = expected.path("computed_common_oj");
                String want = (expected.path("expected_accepted").asBoolean() ? Outcome.PASSED : Outcome.FAILED)
                        + " " + computed.path("tests_passed").asInt() + "/" + computed.path("tests_total").asInt();
                String got = result.outcome() + " " + result.fields().get("tests_passed") + "/"
                        + result.fields().get("tests_total");
                if (!want.equals(got)) {
                    different.put(entry.getKey(), want + " -> " + got + " (" + result.detail() + ")");
                }
            }
        }
        assertThat(samples).hasSize(7);
        assertThat(different).as("samples judged otherwise than the reference").isEmpty();
    }

    @Test
    void stoppingAtTheFirstFailureRunsOnlyUpToIt() {
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", "python", "tests", "io",
                "extract", "sandboxfusion", "compare", "sandboxfusion"));
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        try (SimulationFilter filter = provider.create(spec)) {
            FilterResult result = filter.evaluate(sample(0, samples.get("code_contests/17#test_code_contests_submit_python")));
            // The reference's first failing test of this sample is its first test.
            assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(result.fields()).containsEntry("tests_passed", 0).containsEntry("tests_total", 132);
            assertThat(result.fields().get("first_failure").toString()).startsWith("case 0: expected");
        }
    }

    @Test
    void aCheckerJudgesEachCaseInTheSandbox(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // A special judge that accepts any answer within 0.01 of the expected number.
        Files.writeString(dir.resolve("close_enough.py"), """
                import sys
                actual, expected = (float(open(p).read()) for p in sys.argv[2:4])
                sys.exit(0 if abs(actual - expected) <= 0.01 else 1)
                """);
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", "python", "tests", "io",
                "checker", java.util.List.of("python3", "close_enough.py"), "directory", dir.toString()));
        String tests = "[{\"input\": \"1 3\\n\", \"output\": \"0.333\\n\"}, "
                + "{\"input\": \"2 3\\n\", \"output\": \"0.667\\n\"}]";
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        try (SimulationFilter filter = provider.create(spec)) {
            FilterResult close = filter.evaluate(new Sample("r", 0, "t", "d", 0, "f", 1, "",
                    "a, b = map(int, input().split())\nprint(a / b)\n", tests, null, null));
            assertThat(close.outcome()).as(close.detail()).isEqualTo(Outcome.PASSED);
            FilterResult rounded = filter.evaluate(new Sample("r", 1, "t", "d", 1, "f", 2, "",
                    "a, b = map(int, input().split())\nprint(round(a / b, 1))\n", tests, null, null));
            assertThat(rounded.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(rounded.fields()).containsEntry("tests_passed", 0);
            assertThat(rounded.detail()).contains("case 0: expected '0.333\\n', got '0.3\\n'");
        }
    }

    @Test
    void aCheckerNeedNotAnswerVersionQuestions(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        // dash, which is sh here, has no --version: a checker is only looked up, not asked.
        Files.writeString(dir.resolve("same.sh"), "cmp -s \"$2\" \"$3\"\n");
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", "python", "tests", "io",
                "checker", java.util.List.of("sh", "same.sh"), "directory", dir.toString()));
        try (SimulationFilter filter = new ProgramFilterProvider(ScorerEvents.NONE).create(spec)) {
            String tests = "[{\"input\": \"\", \"output\": \"hi\\n\"}]";
            assertThat(filter.evaluate(new Sample("r", 0, "t", "d", 0, "f", 1, "", "print('hi')\n", tests, null, null))
                    .outcome()).isEqualTo(Outcome.PASSED);
            assertThat(filter.evaluate(new Sample("r", 1, "t", "d", 1, "f", 2, "", "print('ho')\n", tests, null, null))
                    .outcome()).isEqualTo(Outcome.FAILED);
        }
    }

    @Test
    void testCasesMayComeFromAFileOfTheJobsDirectory(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("sum.jsonl"), """
                {"input": "1 2\\n", "output": "3\\n"}
                {"input": "5 7\\n", "output": "12\\n"}
                """);
        Files.writeString(dir.resolve("sum.json"), "[{\"input\": \"2 2\\n\", \"output\": \"4\\n\"}]");
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", "python", "tests", "io",
                "directory", dir.toString()));
        String program = "a, b = map(int, input().split())\nprint(a + b)\n";
        try (SimulationFilter filter = new ProgramFilterProvider(ScorerEvents.NONE).create(spec)) {
            FilterResult lines = filter.evaluate(new Sample("r", 0, "t", "d", 0, "f", 1, "", program, "sum.jsonl", null, null));
            assertThat(lines.outcome()).as(lines.detail()).isEqualTo(Outcome.PASSED);
            assertThat(lines.fields()).containsEntry("tests_total", 2);
            FilterResult list = filter.evaluate(new Sample("r", 1, "t", "d", 1, "f", 2, "", program, "sum.json", null, null));
            assertThat(list.fields()).containsEntry("tests_passed", 1).containsEntry("tests_total", 1);
            FilterResult missing = filter.evaluate(new Sample("r", 2, "t", "d", 2, "f", 3, "", program, "nope.jsonl", null, null));
            assertThat(missing.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(missing.detail()).contains("cannot read the test cases file").contains("nope.jsonl");
        }
    }

    static Sample sample(long id, JsonNode line) {
        JsonNode problem = problems.get(line.path("task_id").asString());
        String doc = "{\"language\": \"" + line.path("language").asString() + "\"}";
        return new Sample("r", id, "io-tests", problem.path("id").asString(), 0, "samples.jsonl", id + 1, "",
                line.path("completion").asString(), problem.path("tests").toString(), null, null, doc);
    }
}

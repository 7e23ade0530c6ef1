package io.evalbatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.filter.Sample;
import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

class SampleFileReaderTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ProblemSet HUMAN_EVAL = ProblemSet.load(null, ProblemFields.HUMAN_EVAL, JSON);

    @TempDir
    Path dir;

    @Test
    void humanEvalLinesBecomeSamplesWithTheirProblem() throws Exception {
        Path file = SamplesFiles.write(dir.resolve("model.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return True\\n"}
                {"task_id": "HumanEval/1", "completion": "    return []\\n"}
                {"task_id": "HumanEval/0", "completion": "    return False\\n"}
                """);
        List<Sample> samples = readAll(InputFormat.HUMAN_EVAL, null, file);

        assertThat(samples).extracting(Sample::sampleId).containsExactly(0L, 1L, 2L);
        assertThat(samples).extracting(Sample::docId).containsExactly("HumanEval/0", "HumanEval/1", "HumanEval/0");
        assertThat(samples).extracting(Sample::repeatIndex).containsExactly(0, 0, 1);
        assertThat(samples).extracting(Sample::sourceLine).containsExactly(1L, 2L, 3L);
        Sample first = samples.get(0);
        assertThat(first.task()).isEqualTo("humaneval");
        assertThat(first.prompt()).startsWith("from typing import List").contains("def has_close_elements");
        assertThat(first.test()).contains("def check(candidate)");
        assertThat(first.entryPoint()).isEqualTo("has_close_elements");
        assertThat(first.response()).isEqualTo("    return True\n");
    }

    @Test
    void lmEvalLineGivesOneSamplePerRepeatAndTakesTheTaskFromTheFileName() throws Exception {
        Path file = SamplesFiles.write(dir.resolve("samples_mbpp_2026-01-02T03-04-05.678.jsonl"), """
                {"doc_id": 7, "doc": {}, "target": "assert f() == 1", "resps": [["a", "b", "c"]], "filtered_resps": [["def f(): return 1", "def f(): return 2", "x"]]}
                {"doc_id": "8", "doc": {}, "target": "assert g()", "resps": [["d"]], "filtered_resps": [["def g(): return 1"]]}
                """);
        List<Sample> samples = readAll(InputFormat.LM_EVAL, null, file);

        assertThat(samples).extracting(Sample::sampleId).containsExactly(0L, 1L, 2L, 3L);
        assertThat(samples).extracting(Sample::docId).containsExactly("7", "7", "7", "8");
        assertThat(samples).extracting(Sample::repeatIndex).containsExactly(0, 1, 2, 0);
        assertThat(samples).extracting(Sample::task).containsOnly("mbpp");
        assertThat(samples.get(1).response()).isEqualTo("def f(): return 2");
        assertThat(samples.get(1).test()).isEqualTo("assert f() == 1");
        assertThat(samples.get(1).prompt()).isEmpty();
        assertThat(samples.get(1).entryPoint()).isNull();
    }

    @Test
    void realLmEvalFileOfGpt4HasOneSamplePerHumanEvalProblem() throws Exception {
        Path file = Path.of("jobs/examples/lm-eval/samples_humaneval_2026-11-27T00-00-00.000000.jsonl");
        List<Sample> samples = readAll(InputFormat.LM_EVAL, null, file);
        assertThat(samples).hasSize(164);
        assertThat(samples).extracting(Sample::task).containsOnly("humaneval");
        assertThat(samples.get(0).test()).endsWith("check(has_close_elements)");
    }

    @Test
    void gzipBomCrlfAndBlankLinesAreAccepted() throws Exception {
        String content = "\uFEFF{\"task_id\": \"HumanEval/2\", \"completion\": \"    pass\"}\r\n\r\n   \r\n"
                + "{\"task_id\": \"HumanEval/3\", \"completion\": \"    pass\"}\r\n";
        Path gz = dir.resolve("model.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        List<Sample> samples = readAll(InputFormat.HUMAN_EVAL, "{file}", gz);
        assertThat(samples).extracting(Sample::docId).containsExactly("HumanEval/2", "HumanEval/3");
        assertThat(samples).extracting(Sample::sourceLine).containsExactly(1L, 4L);
        assertThat(samples).extracting(Sample::task).containsOnly("model");
    }

    @Test
    void invalidLinesAreReportedWithFileLineAndReason() {
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": \"HumanEval/0\", \"completion\": \"x\"}\n{\"task_id\": \"HumanEval/0\", \"compl",
                2, "not valid JSON");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": \"HumanEval/0\"}\n", 1, "missing field 'completion'");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": \"HumanEval/0\", \"completion\": null}\n", 1,
                "field 'completion' must be a string, found null");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": [3], \"completion\": \"x\"}\n", 1,
                "field 'task_id' must be a string or an integer");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": \"HumanEval/999\", \"completion\": \"x\"}\n", 1,
                "unknown task_id 'HumanEval/999'");
        assertInvalid(InputFormat.HUMAN_EVAL, "[{\"task_id\": \"HumanEval/0\", \"completion\": \"x\"}]\n", 1,
                "expected a JSON object, found array");
        assertInvalid(InputFormat.LM_EVAL, "{\"doc_id\": 1, \"target\": \"t\", \"resps\": \"a\", \"filtered_resps\": [[\"a\"]]}\n",
                1, "field 'resps' must be a list");
        assertInvalid(InputFormat.LM_EVAL, "{\"doc_id\": 1, \"target\": \"t\", \"resps\": [[\"a\"]], \"filtered_resps\": [7]}\n",
                1, "filtered_resps[0] must be a response or a list of responses");
        assertInvalid(InputFormat.LM_EVAL, """
                {"doc_id": 0, "target": "t", "resps": [["a"]], "filtered_resps": ["a"], "filter": "strict-match"}
                {"doc_id": 0, "target": "t", "resps": [["a"]], "filtered_resps": ["a"], "filter": "flexible-extract"}
                """, 2, "holds responses of the lm-eval filter 'flexible-extract' after those of 'strict-match'; "
                + "choose one with input.filter");
        assertInvalid(InputFormat.LM_EVAL, "{\"doc_id\": 1.5, \"target\": \"t\", \"resps\": [[\"a\"]], \"filtered_resps\": [[\"a\"]]}\n",
                1, "field 'doc_id' must be a string or an integer");
        assertInvalid(InputFormat.HUMAN_EVAL, "\n\n", 0, "holds no samples");
        assertInvalid(InputFormat.HUMAN_EVAL, "", 0, "holds no samples");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": 0, \"completion\": \"x\"}\n", 1,
                "unknown task_id '0'");
        assertInvalid(InputFormat.HUMAN_EVAL, "{\"task_id\": \"HumanEval/0\", \"completion\": 42}\n", 1,
                "field 'completion' must be a string, found number 42");
        assertInvalid(InputFormat.HUMAN_EVAL, """
                [
                  {"task_id": "HumanEval/0", "completion": "x"},
                  {"task_id": "HumanEval/1", "completion": "y"}
                ]
                """, 1, "is a JSON array; evalbatch reads JSON lines");
        assertInvalid(InputFormat.LM_EVAL, "{\"doc_id\": 1, \"target\": \"t\", \"resps\": [\"a\"], \"filtered_resps\": [\"a\"]}\n",
                1, "field 'resps' must be a list of lists of responses, found string \"a\" at resps[0]");
    }

    @Test
    void lmEvalLogOfSeveralFiltersIsReadForTheChosenOneAndOneResponsePerLineIsAccepted() throws Exception {
        Path file = dir.resolve("samples_gsm8k_2026-01-01T00-00-00.jsonl");
        Files.writeString(file, """
                {"doc_id": 0, "target": "18", "resps": [["... #### 18"]], "filtered_resps": ["18"], "filter": "strict-match"}
                {"doc_id": 0, "target": "18", "resps": [["... #### 18"]], "filtered_resps": ["#### 18"], "filter": "flexible-extract"}
                {"doc_id": 1, "target": "3", "resps": [["... #### 4"]], "filtered_resps": ["4"], "filter": "strict-match"}
                """);
        List<Sample> samples = readAll(new SampleFileReader(List.of(file),
                f -> new LmEvalLineParser("run", TaskNames.of(f, InputFormat.LM_EVAL, null), "strict-match"), JSON, 0));
        assertThat(samples).extracting(Sample::docId, Sample::response, Sample::test, Sample::filterKey, Sample::sourceLine)
                .containsExactly(tuple("0", "18", "18", "strict-match", 1L), tuple("1", "4", "3", "strict-match", 3L));
        assertThat(samples).extracting(Sample::task).containsOnly("gsm8k");
    }

    @Test
    void binaryGarbageIsNotMistakenForText() throws IOException {
        Path file = dir.resolve("garbage.jsonl");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28, 0x0a});
        assertThatThrownBy(() -> readAll(InputFormat.HUMAN_EVAL, null, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":1: not UTF-8 text");
    }

    @Test
    void restartReplaysToTheSameIds() throws Exception {
        Path file = SamplesFiles.humanEval(dir, 5, 2);
        SampleFileReader first = reader(InputFormat.HUMAN_EVAL, null, file);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        for (int i = 0; i < 4; i++) {
            first.read();
        }
        first.update(context);
        first.close();

        SampleFileReader again = reader(InputFormat.HUMAN_EVAL, null, file);
        again.open(context);
        Sample next = again.read().sample();
        again.close();
        assertThat(next.sampleId()).isEqualTo(4L);
        assertThat(next.docId()).isEqualTo("HumanEval/4");
    }

    @Test
    void maxInvalidSkipsThatManyLinesAndStopsAtTheNext() throws Exception {
        Path file = SamplesFiles.write(dir.resolve("some-bad.jsonl"), """
                {"task_id": "HumanEval/0", "completion": "    return 1"}
                {"task_id": "HumanEval/0", "compl
                {"task_id": "HumanEval/1", "completion": "    return 2"}
                {"task_id": "HumanEval/999", "completion": "x"}
                {"task_id": "HumanEval/2", "completion": "    return 3"}
                """);
        List<InputItem> items = items(reader(InputFormat.HUMAN_EVAL, 2, file));
        assertThat(items).filteredOn(i -> i.sample() != null).extracting(i -> i.sample().sampleId(), i -> i.sample().sourceLine())
                .containsExactly(tuple(0L, 1L), tuple(1L, 3L), tuple(2L, 5L));
        assertThat(items).filteredOn(i -> i.invalid() != null).extracting(InputItem::invalid)
                .extracting(InvalidInputLine::file, InvalidInputLine::line)
                .containsExactly(tuple(file.toString(), 2L), tuple(file.toString(), 4L));
        assertThat(items.get(1).invalid().reason()).startsWith("not valid JSON");
        assertThat(items.get(3).invalid().reason()).isEqualTo("unknown task_id 'HumanEval/999' (not in HumanEval (bundled))");

        assertThatThrownBy(() -> items(reader(InputFormat.HUMAN_EVAL, 1, file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":4: unknown task_id 'HumanEval/999' (not in HumanEval (bundled)) "
                        + "(invalid line 2; max-invalid allows 1)");
    }

    @Test
    void restartWithSkippedLinesReplaysToTheSameItems() throws Exception {
        Path file = SamplesFiles.write(dir.resolve("bad-then-good.jsonl"), """
                {"task_id": "HumanEval/0", "completion": 1}
                {"task_id": "HumanEval/0", "completion": "    return 1"}
                {"task_id": "HumanEval/1", "completion": null}
                {"task_id": "HumanEval/1", "completion": "    return 2"}
                """);
        SampleFileReader first = reader(InputFormat.HUMAN_EVAL, 2, file);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        first.read();
        first.read();
        first.read();
        first.update(context);
        first.close();

        SampleFileReader again = reader(InputFormat.HUMAN_EVAL, 2, file);
        again.open(context);
        Sample next = again.read().sample();
        assertThat(again.read()).isNull();
        again.close();
        assertThat(next.sampleId()).isEqualTo(1L);
        assertThat(next.sourceLine()).isEqualTo(4L);
    }

    @Test
    void oneHugeLineIsReadWhole() throws Exception {
        String completion = "#".repeat(30 * 1024 * 1024);
        Path file = SamplesFiles.write(dir.resolve("huge.jsonl"),
                "{\"task_id\": \"HumanEval/0\", \"completion\": \"" + completion + "\"}\n");
        List<Sample> samples = readAll(InputFormat.HUMAN_EVAL, null, file);
        assertThat(samples).hasSize(1);
        assertThat(samples.get(0).response()).hasSize(completion.length());
    }

    @Test
    void aHugeInvalidLineIsNamedWithoutBeingQuoted() {
        Path file = SamplesFiles.write(dir.resolve("huge-bad.jsonl"),
                "{\"task_id\": \"HumanEval/0\", \"completion\": \"" + "x".repeat(30 * 1024 * 1024) + "\n");
        assertThatThrownBy(() -> readAll(InputFormat.HUMAN_EVAL, null, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + ":1: not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(2000));
    }

    private void assertInvalid(InputFormat format, String content, long line, String reason) {
        Path file = SamplesFiles.write(dir.resolve("bad-" + Math.abs(content.hashCode()) + ".jsonl"), content);
        assertThatThrownBy(() -> readAll(format, null, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(file + (line > 0 ? ":" + line + ": " : ": "))
                .hasMessageContaining(reason);
    }

    private static List<Sample> readAll(InputFormat format, String task, Path... files) throws Exception {
        return readAll(reader(format, task, files));
    }

    private static List<Sample> readAll(SampleFileReader reader) throws Exception {
        return items(reader).stream().map(InputItem::sample).toList();
    }

    private static List<InputItem> items(SampleFileReader reader) throws Exception {
        return ReaderItems.of(reader);
    }

    private static SampleFileReader reader(InputFormat format, String task, Path... files) {
        return new SampleFileReader(List.of(files), file -> format == InputFormat.HUMAN_EVAL
                ? new HumanEvalLineParser("run", TaskNames.of(file, format, task), HUMAN_EVAL)
                : new LmEvalLineParser("run", TaskNames.of(file, format, task), null), JSON, 0);
    }

    private static SampleFileReader reader(InputFormat format, long maxInvalid, Path... files) {
        return new SampleFileReader(List.of(files), file -> format == InputFormat.HUMAN_EVAL
                ? new HumanEvalLineParser("run", TaskNames.of(file, format, null), HUMAN_EVAL)
                : new LmEvalLineParser("run", TaskNames.of(file, format, null), null), JSON, maxInvalid);
    }
}

package io.evalbatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.evalbatch.support.Cli;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of malformed input, through {@code evalbatch run} as a user meets it: invalid inputs
 * end the run FAILED (exit code 1) with file, line and reason and no metrics, or are refused before a
 * run exists (exit code 3); valid variants are scored. {@code --max-invalid} skips and records lines.
 */
class BadInputTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GOOD = "{\"task_id\": \"HumanEval/0\", \"completion\": \"    return 1\"}";
    private static final String GOOD_LM_EVAL =
            "{\"doc_id\": 0, \"target\": \"t\", \"resps\": [[\"a\"]], \"filtered_resps\": [[\"a\"]]}";

    @TempDir
    Path dir;

    static Stream<Arguments> invalidLines() {
        return Stream.of(
                Arguments.of("truncated line", "human-eval", GOOD + "\n{\"task_id\": \"HumanEval/1\", \"compl", 2,
                        "not valid JSON"),
                Arguments.of("missing field", "human-eval", "{\"task_id\": \"HumanEval/1\"}\n", 1,
                        "missing field 'completion'"),
                Arguments.of("null field", "human-eval", "{\"task_id\": \"HumanEval/1\", \"completion\": null}\n", 1,
                        "field 'completion' must be a string, found null"),
                Arguments.of("number for a string", "human-eval", GOOD + "\n{\"task_id\": \"HumanEval/1\", \"completion\": 7}\n",
                        2, "field 'completion' must be a string, found number 7"),
                Arguments.of("unknown task id", "human-eval", "{\"task_id\": \"HumanEval/4711\", \"completion\": \"x\"}\n", 1,
                        "unknown task_id 'HumanEval/4711'"),
                Arguments.of("empty file", "human-eval", "", 0, "holds no samples"),
                Arguments.of("only blank lines", "human-eval", "\n  \n\r\n", 0, "holds no samples"),
                Arguments.of("JSON array", "human-eval", "[\n  " + GOOD + ",\n  " + GOOD + "\n]\n", 1,
                        "is a JSON array; evalbatch reads JSON lines"),
                Arguments.of("JSON array on one line", "human-eval", "[" + GOOD + "]\n", 1,
                        "expected a JSON object, found array"),
                Arguments.of("resps not a list of lists", "lm-eval",
                        "{\"doc_id\": 0, \"target\": \"t\", \"resps\": [\"a\"], \"filtered_resps\": [\"a\"]}\n", 1,
                        "field 'resps' must be a list of lists of responses"),
                Arguments.of("resps not a list", "lm-eval",
                        GOOD_LM_EVAL + "\n{\"doc_id\": 1, \"target\": \"t\", \"resps\": \"a\", \"filtered_resps\": [\"a\"]}\n", 2,
                        "field 'resps' must be a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidLines")
    void invalidInputFailsTheRunNamingFileLineAndReason(String kind, String format, String content, long line,
                                                        String reason) {
        Path file = SamplesFiles.write(dir.resolve(format.equals("lm-eval") ? "samples_t_2026-01-01T00-00-00.jsonl"
                : "bad.jsonl"), content.getBytes(StandardCharsets.UTF_8));
        assertFailedRun(format, file, file + (line > 0 ? ":" + line : "") + ": " + reason);
    }

    @Test
    void binaryGarbageFailsTheRunAsNotText() {
        Path file = SamplesFiles.write(dir.resolve("garbage.jsonl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3, 0x28, 10});
        assertFailedRun("human-eval", file, file + ":1: not UTF-8 text");
    }

    @Test
    void corruptGzipFailsTheRun() throws IOException {
        byte[] gzip = gzip(GOOD + "\n" + GOOD + "\n");
        byte[] cut = Arrays.copyOf(gzip, gzip.length - 12);
        Path file = SamplesFiles.write(dir.resolve("cut.jsonl.gz"), cut);
        assertFailedRun("human-eval", file, file + ":1: corrupt gzip data");
    }

    @Test
    void hugeInvalidLineIsReportedWithoutItsContent() {
        Path file = SamplesFiles.write(dir.resolve("huge-bad.jsonl"), ("{\"task_id\": \"HumanEval/0\", \"completion\": \""
                + "y".repeat(30 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
        Cli.Result run = assertFailedRun("human-eval", file, file + ":1: not valid JSON");
        assertThat(run.err().length() + run.out().length()).isLessThan(20_000);
    }

    @Test
    void missingFileAndDirectoryAreRefusedBeforeARunExists() throws IOException {
        Path job = job("human-eval", "x.jsonl");
        Cli.Result missing = Cli.run("run", job.toString(), "--input", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains(dir.resolve("nope.jsonl") + ": no such file").doesNotContain("Exception");

        Path directory = Files.createDirectory(dir.resolve("a-directory.jsonl"));
        String id = "bad-dir-" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result isDirectory = Cli.run("run", job.toString(), "--input", directory.toString(), "--id", id);
        assertThat(isDirectory.exitCode()).isEqualTo(3);
        assertThat(isDirectory.err()).contains(directory + ": is a directory, not a samples file");
        assertThat(Cli.run("results", id).exitCode()).as("no run was created").isEqualTo(4);
    }

    @Test
    void bomCrlfBlankLinesGzipAndAHugeLineAreScored() throws IOException {
        Path crlf = SamplesFiles.write(dir.resolve("crlf.jsonl"),
                ("\uFEFF" + GOOD + "\r\n\r\n   \r\n" + GOOD.replace("/0", "/1") + "\r\n").getBytes(StandardCharsets.UTF_8));
        Path gz = SamplesFiles.write(dir.resolve("zipped.jsonl.gz"), gzip(GOOD.replace("/0", "/2") + "\n"));
        String huge = "    return 1  # " + "z".repeat(30 << 20);
        Path big = SamplesFiles.write(dir.resolve("huge.jsonl"), ("{\"task_id\": \"HumanEval/3\", \"completion\": \""
                + huge + "\"}\n").getBytes(StandardCharsets.UTF_8));
        String id = "good-" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result run = Cli.run("run", job("human-eval", "x.jsonl").toString(), "--input", crlf.toString(), gz.toString(),
                big.toString(), "--id", id, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("status").stringValue()).isEqualTo("COMPLETED");
        JsonNode samples = JSON.readTree(Cli.run("results", id, "--samples", "--format", "json").out()).get("samples");
        assertThat(samples).hasSize(4);
        assertThat(samples.get(1).get("line").longValue()).isEqualTo(4);
        assertThat(samples.get(3).get("file").stringValue()).isEqualTo(big.toString());
    }

    @Test
    void maxInvalidSkipsRecordsAndShowsUpToNLines() {
        Path file = SamplesFiles.write(dir.resolve("mixed.jsonl"), (GOOD + "\n"
                + "{\"task_id\": \"HumanEval/1\", \"completion\": 3}\n"
                + GOOD.replace("/0", "/1") + "\n"
                + "{\"task_id\": \"HumanEval/9999\", \"completion\": \"x\"}\n"
                + "not json at all\n"
                + GOOD.replace("/0", "/2") + "\n").getBytes(StandardCharsets.UTF_8));
        Path job = job("human-eval", "mixed.jsonl");

        String tooFew = "skip2-" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result failed = Cli.run("run", job.toString(), "--max-invalid", "2", "--id", tooFew);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.err()).contains(file + ":5: not valid JSON").contains("(invalid line 3; max-invalid allows 2)");

        String id = "skip3-" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result run = Cli.run("run", job.toString(), "--max-invalid", "3", "--id", id, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("3 invalid input lines skipped");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("status").stringValue()).isEqualTo("COMPLETED");
        assertThat(report.get("invalid_lines")).hasSize(3);
        assertThat(report.get("invalid_lines").get(0).get("line").longValue()).isEqualTo(2);
        assertThat(report.get("invalid_lines").get(1).get("reason").stringValue()).startsWith("unknown task_id 'HumanEval/9999'");

        String table = Cli.run("results", id).out();
        assertThat(table).contains("3 invalid input lines skipped:")
                .contains(file + ":2: field 'completion' must be a string, found number 3")
                .contains(file + ":5: not valid JSON");
        JsonNode runs = JSON.readTree(Cli.run("runs", "--format", "json").out()).get("runs");
        assertThat(runs).filteredOn(r -> r.get("run").stringValue().equals(id)).singleElement()
                .satisfies(r -> assertThat(r.get("invalid_lines").longValue()).isEqualTo(3))
                .satisfies(r -> assertThat(r.get("total").longValue()).isEqualTo(3));
        assertThat(Cli.run("runs").out()).contains("invalid lines");
    }

    private Cli.Result assertFailedRun(String format, Path file, String message) {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        Cli.Result run = Cli.run("run", job(format, "x").toString(), "--input", file.toString(), "--id", id,
                "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains(message).doesNotContain("Exception");
        JsonNode report = JSON.readTree(run.out());
        assertThat(report.get("status").stringValue()).isEqualTo("FAILED");
        assertThat(report.get("metrics")).isEmpty();
        assertThat(report.get("errors").get(0).stringValue()).startsWith(message);
        JsonNode results = JSON.readTree(Cli.run("results", id, "--format", "json").out());
        assertThat(results.get("status").stringValue()).isEqualTo("FAILED");
        return run;
    }

    private Path job(String format, String file) {
        return SamplesFiles.job(dir, """
                name: bad-input
                input: {format: %s, files: [%s]}
                filter: {name: test}
                """.formatted(format, file));
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}

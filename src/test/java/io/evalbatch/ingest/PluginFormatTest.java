package io.evalbatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.filter.Sample;
import io.evalbatch.plugin.IncompatiblePluginException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

/** A format a plugin reads, through the same reader as evalbatch's own: numbering, invalid records, failures, restart. */
class PluginFormatTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final InputFormat TSV = InputFormat.named("tsv-answers");

    @TempDir
    Path dir;

    /**
     * Tab-separated {@code task, document, response} per line, the test "expected" for every one;
     * "boom" fails the way a plugin's bug would, "-" as a document gives a record the plugin could
     * not have meant (no document), a line of one field is an invalid record.
     */
    static class TsvAnswers implements SampleFormat {

        private final String name;

        TsvAnswers(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public SampleRecords open(FormatInput input) throws IOException {
            BufferedReader lines = Files.newBufferedReader(input.file());
            Map<String, Integer> repeats = new HashMap<>();
            return new SampleRecords() {
                long line;

                @Override
                public SampleRecord next() throws IOException {
                    String text = lines.readLine();
                    line++;
                    if (text == null) {
                        return null;
                    }
                    if (text.equals("boom")) {
                        throw new IllegalStateException("cannot read line " + line);
                    }
                    String[] fields = text.split("\t");
                    if (fields.length != 3) {
                        throw new InvalidInputException(input.file().toString(), line, "expected 3 fields, found "
                                + fields.length);
                    }
                    String doc = fields[1].equals("-") ? null : fields[1];
                    int repeat = repeats.merge(fields[0] + "/" + fields[1], 1, Integer::sum) - 1;
                    return new SampleRecord(line, fields[0], doc, repeat, "", fields[2], "expected", null,
                            "{\"row\": " + line + "}");
                }

                @Override
                public void close() throws IOException {
                    lines.close();
                }
            };
        }
    }

    private final FormatCatalog formats = new FormatCatalog(List.of(new TsvAnswers("tsv-answers")));

    @Test
    void recordsAreNumberedAcrossFilesInOrderWithTheirRepeatsLinesAndDocument() throws Exception {
        Path a = Files.writeString(dir.resolve("a.tsv"), "arith\t1\tfour\narith\t1\t4\narith\t2\tsix\n");
        Path b = Files.writeString(dir.resolve("b.tsv"), "spell\tcat\tc-a-t\n");
        List<Sample> samples = samples(reader(null, 0, a, b));
        assertThat(samples).extracting(Sample::sampleId, Sample::task, Sample::docId, Sample::repeatIndex,
                        Sample::sourceFile, Sample::sourceLine, Sample::response, Sample::test, Sample::doc)
                .containsExactly(
                        tuple(0L, "arith", "1", 0, a.toString(), 1L, "four", "expected", "{\"row\": 1}"),
                        tuple(1L, "arith", "1", 1, a.toString(), 2L, "4", "expected", "{\"row\": 2}"),
                        tuple(2L, "arith", "2", 0, a.toString(), 3L, "six", "expected", "{\"row\": 3}"),
                        tuple(3L, "spell", "cat", 0, b.toString(), 1L, "c-a-t", "expected", "{\"row\": 1}"));
        assertThat(samples).extracting(Sample::runId).containsOnly("run");
    }

    @Test
    void theJobsTaskReplacesTheFormatsWithTheFileNameInIt() throws Exception {
        Path a = Files.writeString(dir.resolve("model-a.tsv"), "arith\t1\tfour\n");
        assertThat(samples(reader("mine-{file}", 0, a))).extracting(Sample::task).containsExactly("mine-model-a");
    }

    @Test
    void anInvalidRecordIsSkippedAsMaxInvalidAllowsAndStopsTheReadBeyond() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.tsv"), "arith\t1\tfour\nonly-one-field\narith\t-\tx\narith\t2\t6\n");
        List<InputItem> items = items(reader(null, 2, file));
        assertThat(items).filteredOn(i -> i.sample() != null).extracting(i -> i.sample().sampleId(),
                i -> i.sample().sourceLine()).containsExactly(tuple(0L, 1L), tuple(1L, 4L));
        assertThat(items).filteredOn(i -> i.invalid() != null).extracting(i -> i.invalid().line(), i -> i.invalid().reason())
                .containsExactly(tuple(2L, "expected 3 fields, found 1"),
                        tuple(3L, "the tsv-answers format read a record with no document id"));

        assertThatThrownBy(() -> items(reader(null, 1, file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":3: the tsv-answers format read a record with no document id "
                        + "(invalid line 2; max-invalid allows 1)");
    }

    @Test
    void aFormatThatThrowsStopsTheReadNamingTheFileTheFormatAndItsMessage() {
        Path file = dir.resolve("boom.tsv");
        write(file, "arith\t1\tfour\nboom\narith\t2\tsix\n");
        // Never skipped: a plugin that fails may have lost its place in the file.
        assertThatThrownBy(() -> items(reader(null, 5, file)))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessage(file + ":1: the tsv-answers format of evalbatch failed: IllegalStateException: "
                        + "cannot read line 2");
        Path missing = dir.resolve("missing.tsv");
        assertThatThrownBy(() -> items(reader(null, 0, missing)))
                .isInstanceOf(UnreadableInputException.class)
                .hasMessageStartingWith(missing + ": the tsv-answers format of evalbatch failed: NoSuchFileException");
    }

    @Test
    void aRestartedReadGivesTheSameIdsFromWhereItStopped() throws Exception {
        Path file = Files.writeString(dir.resolve("three.tsv"), "t\t1\ta\nt\t1\tb\nt\t2\tc\n");
        SampleFileReader first = reader(null, 0, file);
        ExecutionContext context = new ExecutionContext();
        first.open(context);
        first.read();
        first.read();
        first.update(context);
        first.close();
        SampleFileReader again = reader(null, 0, file);
        again.open(context);
        Sample next = again.read().sample();
        assertThat(again.read()).isNull();
        again.close();
        assertThat(next).extracting(Sample::sampleId, Sample::docId, Sample::response).containsExactly(2L, "2", "c");
    }

    @Test
    void aFileWithoutRecordsHoldsNoSamples() {
        Path file = dir.resolve("empty.tsv");
        write(file, "");
        assertThatThrownBy(() -> items(reader(null, 0, file)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ": holds no samples");
    }

    @Test
    void aFormatNothingReadsIsTheJobsErrorNamingTheKnownOnesAndThePlugins() {
        InputSpec input = new InputSpec(InputFormat.named("tsv-answer"), List.of(dir.resolve("a.tsv")), null, null,
                ProblemFields.HUMAN_EVAL, null, 0);
        assertThatThrownBy(() -> SampleFileReader.of("run", input, "jobs/x.yaml", formats, JSON))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageStartingWith("jobs/x.yaml: input.format: unknown format 'tsv-answer' (known: human-eval, "
                        + "lm-eval, evalplus, bigcode, inspect, multipl-e, mt-bench, tsv-answers; ")
                .hasMessageContaining("EVALBATCH_PLUGINS");
    }

    @Test
    void twoFormatsOfOneNameOrOneOfEvalbatchsNamesAreRefused() {
        assertThatThrownBy(() -> new FormatCatalog(List.of(new TsvAnswers("x"), new TsvAnswers("x"))))
                .isInstanceOf(IncompatiblePluginException.class)
                .hasMessageStartingWith("two formats are named 'x': one from evalbatch, one from evalbatch");
        assertThatThrownBy(() -> new FormatCatalog(List.of(new TsvAnswers("lm-eval"))))
                .isInstanceOf(IncompatiblePluginException.class)
                .hasMessageContaining("the format 'lm-eval' of evalbatch is one evalbatch reads itself");
    }

    @Test
    void onlyAFormatThatSaysSoReadsDirectories() {
        SampleFormat directories = new TsvAnswers("dirs") {
            @Override
            public boolean readsDirectories() {
                return true;
            }
        };
        FormatCatalog catalog = new FormatCatalog(List.of(new TsvAnswers("files"), directories));
        assertThat(catalog.readsDirectories(InputFormat.named("dirs"))).isTrue();
        assertThat(catalog.readsDirectories(InputFormat.named("files"))).isFalse();
        assertThat(catalog.readsDirectories(InputFormat.MULTIPL_E)).isTrue();
        assertThat(catalog.readsDirectories(InputFormat.LM_EVAL)).isFalse();
    }

    private SampleFileReader reader(String task, long maxInvalid, Path... files) {
        InputSpec input = new InputSpec(TSV, List.of(files), null, task, ProblemFields.HUMAN_EVAL, null, maxInvalid);
        return SampleFileReader.of("run", input, "job.yaml", formats, JSON);
    }

    private static List<Sample> samples(SampleFileReader reader) throws Exception {
        return items(reader).stream().map(InputItem::sample).toList();
    }

    private static List<InputItem> items(SampleFileReader reader) throws Exception {
        return ReaderItems.of(reader);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package io.evalbatch.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.filter.Sample;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import tools.jackson.databind.ObjectMapper;

/**
 * Streams the samples of all input files, in file order, line order and repeat order, numbering
 * them 0, 1, ... so that the same inputs always give the same sample ids. A line that cannot be
 * scored stops the read with its file, line and reason, unless it is one of the first
 * {@code maxInvalid} such lines: then it is passed on as skipped. A file that cannot be read as
 * text, or that holds no sample, always stops the read.
 *
 * <p>Restart replays the files up to the saved item count: sample ids stay the same because they
 * depend only on the input.
 */
class SampleFileReader extends AbstractItemCountingItemStreamItemReader<InputItem> {

    private final List<Path> files;
    private final Function<Path, LineParser> parsers;
    private final RecordSources sources;
    private final long maxInvalid;
    /** The format the job reads the files as, to name another one a file looks like; null if unknown. */
    private final InputFormat format;
    private final Deque<InputItem> pending = new ArrayDeque<>();

    private int fileIndex = -1;
    private InputRecords records;
    private LineParser parser;
    private long samplesInFile;
    private long nextId;
    private long invalidLines;

    /** How the records of one input file are read. */
    interface RecordSources {
        InputRecords open(Path file) throws IOException;
    }

    /** The reader of a run's inputs, with the record source and the parser of their format. */
    static SampleFileReader of(String runId, InputSpec input, ObjectMapper json) {
        Function<Path, String> task = file -> TaskNames.of(file, input.format(), input.task());
        return switch (input.format()) {
            case HUMAN_EVAL -> {
                ProblemSet problems = ProblemSet.load(input.problems(), input.fields(), json);
                yield new SampleFileReader(input.files(), file -> new HumanEvalLineParser(runId, task.apply(file),
                        problems), file -> new JsonLines(file, json), input.maxInvalid(), input.format());
            }
            case EVALPLUS -> {
                ProblemSet problems = ProblemSet.load(input.problems(), input.fields(), json);
                yield new SampleFileReader(input.files(), file -> new HumanEvalLineParser(runId, task.apply(file),
                        problems, true), file -> java.nio.file.Files.isDirectory(file) ? new SolutionFiles(file, json)
                        : new JsonLines(file, json), input.maxInvalid(), input.format());
            }
            case BIGCODE -> new SampleFileReader(input.files(), file -> new BigcodeLineParser(runId, task.apply(file)),
                    file -> new BigcodeDocuments(file, input.references(), json), input.maxInvalid(), input.format());
            case INSPECT -> new SampleFileReader(input.files(), file -> new InspectLineParser(runId, input.task() == null
                    ? null : task.apply(file), json), file -> new InspectLog(file, json), input.maxInvalid(), input.format());
            case MULTIPL_E -> new SampleFileReader(input.files(), file -> new MultiplELineParser(runId,
                    input.task() == null ? null : task.apply(file), json), file -> java.nio.file.Files.isDirectory(file)
                    ? new JsonFiles(file, json) : new JsonLines(file, json), input.maxInvalid(), input.format());
            case MT_BENCH -> {
                MtBenchQuestions questions = MtBenchQuestions.load(input.problems(), input.references(), json);
                yield new SampleFileReader(input.files(), file -> new MtBenchLineParser(runId, task.apply(file),
                        questions, json), file -> new JsonLines(file, json), input.maxInvalid(), input.format());
            }
            case LM_EVAL -> new SampleFileReader(input.files(), file -> new LmEvalLineParser(runId, task.apply(file),
                    input.filter(), input.rawResponses()), file -> new JsonLines(file, json), input.maxInvalid(), input.format());
        };
    }

    /** A reader of JSON-lines files. */
    SampleFileReader(List<Path> files, Function<Path, LineParser> parsers, ObjectMapper json, long maxInvalid) {
        this(files, parsers, file -> new JsonLines(file, json), maxInvalid, null);
    }

    /** @param format what the files are read as, to name another format a file looks like; null for none */
    SampleFileReader(List<Path> files, Function<Path, LineParser> parsers, RecordSources sources, long maxInvalid,
                     InputFormat format) {
        this.format = format;
        this.files = List.copyOf(files);
        this.parsers = parsers;
        this.sources = sources;
        this.maxInvalid = maxInvalid;
        setName("samples");
    }

    @Override
    protected void doOpen() {
        fileIndex = -1;
        nextId = 0;
        invalidLines = 0;
        pending.clear();
    }

    @Override
    protected InputItem doRead() throws IOException {
        while (pending.isEmpty()) {
            if (records == null && !nextFile()) {
                return null;
            }
            try {
                JsonFields record = records.next();
                if (record == null) {
                    if (samplesInFile == 0) {
                        throw new UnreadableInputException(current(), 0, "holds no samples");
                    }
                    records.close();
                    records = null;
                    continue;
                }
                List<Sample> samples;
                try {
                    samples = parser.parse(record, nextId);
                } catch (InvalidInputException e) {
                    throw samplesInFile == 0 ? otherFormat(record, e) : e;
                }
                nextId += samples.size();
                samplesInFile += samples.size();
                samples.forEach(sample -> pending.add(InputItem.of(sample)));
            } catch (UnreadableInputException e) {
                throw e;
            } catch (InvalidInputException e) {
                if (invalidLines >= maxInvalid) {
                    throw maxInvalid == 0 ? e : new InvalidInputException(e.file(), e.line(), e.reason()
                            + " (invalid line " + (invalidLines + 1) + "; max-invalid allows " + maxInvalid + ")");
                }
                invalidLines++;
                pending.add(InputItem.skipped(e));
            }
        }
        return pending.poll();
    }

    /**
     * The first record of a file that does not parse, and looks like another format evalbatch
     * reads: that, not the missing field, is what the user needs to hear.
     */
    private InvalidInputException otherFormat(JsonFields record, InvalidInputException failure) {
        return FormatGuess.of(record.node())
                .filter(guess -> format != null && guess != format)
                .<InvalidInputException>map(guess -> new UnreadableInputException(failure.file(), failure.line(),
                        "looks like " + FormatGuess.describe(guess) + ", but the job reads it as format: "
                                + format.key() + " (set input.format: " + guess.key() + ")"))
                .orElse(failure);
    }

    private boolean nextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        records = sources.open(files.get(fileIndex));
        parser = parsers.apply(files.get(fileIndex));
        samplesInFile = 0;
        return true;
    }

    private String current() {
        return files.get(fileIndex).toString();
    }

    @Override
    protected void doClose() throws IOException {
        if (records != null) {
            records.close();
            records = null;
        }
    }
}

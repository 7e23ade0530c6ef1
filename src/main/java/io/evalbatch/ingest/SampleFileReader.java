package io.evalbatch.ingest;

import java.io.IOException;
import java.nio.file.Files;
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
    private final Opener opener;
    private final long maxInvalid;
    private final Deque<InputItem> pending = new ArrayDeque<>();

    private int fileIndex = -1;
    private FileSamples records;
    private long samplesInFile;
    private long nextId;
    private long invalidLines;

    /** How the samples of one input file are read. */
    interface Opener {
        FileSamples open(Path file) throws IOException;
    }

    /**
     * The reader of a run's inputs, with the record source and the parser of their format, or the
     * plugin that reads it.
     *
     * @param source the job file, to name in the error of a format nothing reads
     */
    static SampleFileReader of(String runId, InputSpec input, String source, FormatCatalog formats, ObjectMapper json) {
        InputFormat format = input.format();
        Function<Path, String> task = file -> TaskNames.of(file, format, input.task());
        if (!format.builtIn()) {
            SampleFormat plugin = formats.plugin(format, source);
            return new SampleFileReader(input.files(), file -> PluginRecords.open(runId, plugin, new FormatInput(file,
                    input.task() == null ? null : task.apply(file), input.problems(), input.references()), json),
                    input.maxInvalid());
        }
        Function<Path, LineParser> parsers;
        RecordSources sources = file -> new JsonLines(file, json);
        if (format == InputFormat.HUMAN_EVAL || format == InputFormat.EVALPLUS) {
            ProblemSet problems = ProblemSet.load(input.problems(), input.fields(), json);
            boolean solutions = format == InputFormat.EVALPLUS;
            parsers = file -> new HumanEvalLineParser(runId, task.apply(file), problems, solutions);
            if (solutions) {
                sources = file -> Files.isDirectory(file) ? new SolutionFiles(file, json) : new JsonLines(file, json);
            }
        } else if (format == InputFormat.BIGCODE) {
            parsers = file -> new BigcodeLineParser(runId, task.apply(file));
            sources = file -> new BigcodeDocuments(file, input.references(), json);
        } else if (format == InputFormat.INSPECT) {
            parsers = file -> new InspectLineParser(runId, input.task() == null ? null : task.apply(file), json);
            sources = file -> new InspectLog(file, json);
        } else if (format == InputFormat.MULTIPL_E) {
            parsers = file -> new MultiplELineParser(runId, input.task() == null ? null : task.apply(file), json);
            sources = file -> Files.isDirectory(file) ? new JsonFiles(file, json) : new JsonLines(file, json);
        } else if (format == InputFormat.MT_BENCH) {
            MtBenchQuestions questions = MtBenchQuestions.load(input.problems(), input.references(), json);
            parsers = file -> new MtBenchLineParser(runId, task.apply(file), questions, json);
        } else if (format == InputFormat.LM_EVAL) {
            parsers = file -> new LmEvalLineParser(runId, task.apply(file), input.filter(), input.rawResponses());
        } else {
            throw new IllegalStateException("no reader for evalbatch's format " + format.key());
        }
        return new SampleFileReader(input.files(), parsers, sources, input.maxInvalid(), format);
    }

    /** How the JSON records of one input file are read. */
    interface RecordSources {
        InputRecords open(Path file) throws IOException;
    }

    /** A reader of JSON-lines files. */
    SampleFileReader(List<Path> files, Function<Path, LineParser> parsers, ObjectMapper json, long maxInvalid) {
        this(files, parsers, file -> new JsonLines(file, json), maxInvalid, null);
    }

    /** @param format what the files are read as, to name another format a file looks like; null for none */
    SampleFileReader(List<Path> files, Function<Path, LineParser> parsers, RecordSources sources, long maxInvalid,
                     InputFormat format) {
        this(files, file -> new ParsedRecords(sources.open(file), parsers.apply(file), format), maxInvalid);
    }

    SampleFileReader(List<Path> files, Opener opener, long maxInvalid) {
        this.files = List.copyOf(files);
        this.opener = opener;
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
                List<Sample> samples = records.next(nextId);
                if (samples == null) {
                    if (samplesInFile == 0) {
                        throw new UnreadableInputException(current(), 0, "holds no samples");
                    }
                    records.close();
                    records = null;
                    continue;
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

    private boolean nextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        records = opener.open(files.get(fileIndex));
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

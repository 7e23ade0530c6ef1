package io.evalbatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.filter.Sample;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
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
    private final ObjectMapper json;
    private final long maxInvalid;
    private final Deque<InputItem> pending = new ArrayDeque<>();

    private int fileIndex = -1;
    private BufferedReader reader;
    private LineParser parser;
    private long lineNumber;
    private long samplesInFile;
    private long nextId;
    private long invalidLines;

    /** The reader of a run's inputs, with the line parser of their format. */
    static SampleFileReader of(String runId, InputSpec input, ObjectMapper json) {
        Function<Path, LineParser> parsers;
        if (input.format() == InputFormat.HUMAN_EVAL) {
            ProblemSet problems = ProblemSet.load(input.problems(), input.fields(), json);
            parsers = file -> new HumanEvalLineParser(runId, TaskNames.of(file, input.format(), input.task()), problems);
        } else {
            parsers = file -> new LmEvalLineParser(runId, TaskNames.of(file, input.format(), input.task()), input.filter());
        }
        return new SampleFileReader(input.files(), parsers, json, input.maxInvalid());
    }

    SampleFileReader(List<Path> files, Function<Path, LineParser> parsers, ObjectMapper json, long maxInvalid) {
        this.files = List.copyOf(files);
        this.parsers = parsers;
        this.json = json;
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
            if (reader == null && !nextFile()) {
                return null;
            }
            String line = readLine();
            if (line == null) {
                if (samplesInFile == 0) {
                    throw new InvalidInputException(current(), 0, "holds no samples");
                }
                reader.close();
                reader = null;
                continue;
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (lineNumber == 1 && line.strip().equals("[")) {
                // A whole file in the wrong shape, not a line to skip.
                throw new InvalidInputException(current(), lineNumber,
                        "is a JSON array; evalbatch reads JSON lines: one object per line, no enclosing brackets");
            }
            try {
                List<Sample> samples = parse(line);
                nextId += samples.size();
                samplesInFile += samples.size();
                samples.forEach(sample -> pending.add(InputItem.of(sample)));
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

    private List<Sample> parse(String line) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidInputException(current(), lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        return parser.parse(new JsonFields(current(), lineNumber, node), nextId);
    }

    private boolean nextFile() throws IOException {
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        reader = InputFiles.open(files.get(fileIndex));
        parser = parsers.apply(files.get(fileIndex));
        lineNumber = 0;
        samplesInFile = 0;
        return true;
    }

    private String readLine() throws IOException {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(current(), lineNumber + 1, "not UTF-8 text");
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new InvalidInputException(current(), lineNumber + 1, "corrupt gzip data: " + e.getMessage());
        }
    }

    private String current() {
        return files.get(fileIndex).toString();
    }

    @Override
    protected void doClose() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}

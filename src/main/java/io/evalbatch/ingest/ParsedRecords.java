package io.evalbatch.ingest;

import java.io.IOException;
import java.util.List;

import io.evalbatch.definition.InputFormat;
import io.evalbatch.filter.Sample;

/**
 * The samples of a file in one of evalbatch's own formats: its JSON records, each turned into
 * samples by the format's parser. When a record before the file's first sample does not parse and looks like another
 * format, that, not the missing field, is what the user needs to hear.
 */
final class ParsedRecords implements FileSamples {

    private final InputRecords records;
    private final LineParser parser;
    /** What the job reads the file as; null when not known (tests of one parser). */
    private final InputFormat format;
    private boolean noSamplesYet = true;

    ParsedRecords(InputRecords records, LineParser parser, InputFormat format) {
        this.records = records;
        this.parser = parser;
        this.format = format;
    }

    @Override
    public List<Sample> next(long firstId) throws IOException {
        JsonFields record = records.next();
        if (record == null) {
            return null;
        }
        try {
            List<Sample> samples = parser.parse(record, firstId);
            noSamplesYet &= samples.isEmpty();
            return samples;
        } catch (InvalidInputException e) {
            throw noSamplesYet ? otherFormat(record, e) : e;
        }
    }

    private InvalidInputException otherFormat(JsonFields record, InvalidInputException failure) {
        return FormatGuess.of(record.node())
                .filter(guess -> format != null && guess != format)
                .<InvalidInputException>map(guess -> new UnreadableInputException(failure.file(), failure.line(),
                        "looks like " + guess.description() + ", but the job reads it as format: "
                                + format.key() + " (set input.format: " + guess.key() + ")"))
                .orElse(failure);
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}

package io.evalbatch.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

import io.evalbatch.filter.Sample;

/** The samples of one input file, a record at a time, whoever reads its format. */
interface FileSamples extends Closeable {

    /**
     * The samples of the file's next record, numbered from {@code firstId}; null at the end of the file.
     *
     * @throws InvalidInputException for a record that cannot be scored, after which the next can
     * @throws UnreadableInputException when nothing after this point can be read
     */
    List<Sample> next(long firstId) throws IOException;
}

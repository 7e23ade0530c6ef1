package io.evalbatch.ingest;

import java.io.Closeable;
import java.io.IOException;

import io.evalbatch.plugin.Api;
import org.jspecify.annotations.Nullable;

/** The samples of one input file as a {@link SampleFormat} reads them, one record at a time. */
@Api
public interface SampleRecords extends Closeable {

    /**
     * The next record of the file, or null at its end.
     *
     * @throws InvalidInputException for a record that cannot be scored, naming the file and line;
     *                               the next call goes on after it
     * @throws IOException when the file cannot be read on
     */
    @Nullable SampleRecord next() throws IOException;

    @Override
    default void close() throws IOException {
    }
}

package io.evalbatch.ingest;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of one input file, in order, each a JSON value with the place it came from: a
 * line of a JSON-lines file, a document of a JSON array, a file of a directory.
 */
interface InputRecords extends Closeable {

    /**
     * @return the next record, or null at the end
     * @throws InvalidInputException for a record that cannot be read, after which the next can
     * @throws UnreadableInputException when nothing after this point can be read
     */
    JsonFields next() throws IOException;
}

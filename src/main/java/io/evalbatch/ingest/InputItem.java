package io.evalbatch.ingest;

import io.evalbatch.filter.Sample;
import io.evalbatch.ingest.InvalidInputLine;

/**
 * One item of ingest: a sample, or an input line skipped as invalid (within {@code max-invalid}).
 * Skipped lines travel with the samples so that they are recorded in the same transaction and,
 * after a restart, neither lost nor recorded twice.
 */
record InputItem(Sample sample, InvalidInputLine invalid) {

    static InputItem of(Sample sample) {
        return new InputItem(sample, null);
    }

    static InputItem skipped(InvalidInputException e) {
        return new InputItem(null, new InvalidInputLine(e.file(), e.line(), e.reason()));
    }
}

package io.evalbatch.ingest;

import io.evalbatch.filter.Sample;

/**
 * One item of ingest: a sample, or an input line skipped as invalid (within {@code max-invalid}).
 * Skipped lines travel with the samples so that they are recorded in the same transaction and,
 * after a restart, neither lost nor recorded twice.
 */
record InputItem(Sample sample, InvalidLine invalid) {

    static InputItem of(Sample sample) {
        return new InputItem(sample, null);
    }

    static InputItem skipped(InvalidInputException e) {
        return new InputItem(null, new InvalidLine(e.file(), e.line(), e.reason()));
    }

    /** A line of an input file that holds no sample that can be scored, and why. */
    record InvalidLine(String file, long line, String reason) {
    }
}

package io.evalbatch.ingest;

import java.io.IOException;

import io.evalbatch.plugin.Api;

/**
 * An input format a plugin reads: the samples of each file a job names under its
 * {@code input.format}. A Spring bean of a plugin's auto-configuration, found as evalbatch's own.
 *
 * <p><b>Contract.</b> {@link #open} is called once per input file, in the order the job lists them,
 * on one thread at a time, for a run's ingest step, for {@code check} and {@code calibrate} (which
 * read the problems of the inputs), and again when a stopped run restarts: the same file must give
 * the same records in the same order every time, because evalbatch numbers the samples in that order
 * and restart skips the ones already stored. Records of one document must come in the order of
 * their repeats. A record that cannot be scored is an {@link InvalidInputException} naming the file
 * and line, which the job's {@code max-invalid} may skip; any other exception stops the read with
 * the file named and the plugin's message.
 */
@Api
public interface SampleFormat {

    /**
     * The name a job gives in {@code input.format}: lower case, digits and hyphens, unique among
     * evalbatch's formats and every loaded plugin's.
     */
    String name();

    /** Whether an input may be a directory rather than a file (then {@link #open} gets the directory). */
    default boolean readsDirectories() {
        return false;
    }

    /** Starts reading one input file; the records are closed before the next file is opened. */
    SampleRecords open(FormatInput input) throws IOException;
}

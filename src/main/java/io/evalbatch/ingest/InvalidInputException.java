package io.evalbatch.ingest;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * An input line that cannot be scored. The message reads {@code file:line: reason}. A plugin's
 * {@link SampleFormat} throws it for a record the job's {@code max-invalid} may skip.
 */
@io.evalbatch.plugin.Api
public class InvalidInputException extends EvalbatchException {

    private final String file;
    private final long line;
    private final String reason;

    public InvalidInputException(String file, long line, String reason) {
        super(ExitCodes.INVALID_INPUT, file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}

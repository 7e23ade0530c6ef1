package io.evalbatch.definition;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** A job definition that cannot be run; the message names the file and the YAML path. */
public class InvalidJobDefinitionException extends EvalbatchException {

    public InvalidJobDefinitionException(String source, String path, String reason) {
        super(ExitCodes.INVALID_INPUT, source + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }

    /** Several errors of one job file, one line each. */
    public InvalidJobDefinitionException(java.util.List<InvalidJobDefinitionException> errors) {
        super(ExitCodes.INVALID_INPUT, String.join("\n", errors.stream().map(RuntimeException::getMessage).toList()));
    }
}

package io.evalbatch.definition;

/** A job definition that cannot be run; the message names the file and the YAML path. */
public class InvalidJobDefinitionException extends RuntimeException {

    public InvalidJobDefinitionException(String source, String path, String reason) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + reason);
    }

    /** Several errors of one job file, one line each. */
    public InvalidJobDefinitionException(java.util.List<InvalidJobDefinitionException> errors) {
        super(String.join("\n", errors.stream().map(RuntimeException::getMessage).toList()));
    }
}

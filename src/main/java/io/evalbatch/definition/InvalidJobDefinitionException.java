package io.evalbatch.definition;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * A job definition that cannot be run; the message names the file, the line where the file says
 * it, and the YAML path: {@code jobs/x.yaml:7: filter.timeout: must be ...}.
 */
@io.evalbatch.plugin.Api
public class InvalidJobDefinitionException extends EvalbatchException {

    private final List<Located> errors;

    public InvalidJobDefinitionException(String source, String path, String reason) {
        this(List.of(new Located(source, OptionalInt.empty(), path, reason)));
    }

    public InvalidJobDefinitionException(String source, YamlLines lines, String path, String reason) {
        this(List.of(new Located(source, lines.line(path), path, reason)));
    }

    /** Several errors of one job file, one line each, in the order of their lines. */
    public InvalidJobDefinitionException(java.util.Collection<InvalidJobDefinitionException> errors) {
        this(errors.stream().flatMap(e -> e.errors.stream())
                .sorted(Comparator.comparingInt((Located l) -> l.line().orElse(Integer.MAX_VALUE))).toList());
    }

    private InvalidJobDefinitionException(List<Located> errors) {
        super(ExitCodes.INVALID_INPUT, String.join("\n", errors.stream().map(Located::message).toList()));
        this.errors = List.copyOf(errors);
    }

    /** The same errors with the lines of the file they were found in, where they have none yet. */
    public InvalidJobDefinitionException located(YamlLines lines) {
        return new InvalidJobDefinitionException(errors.stream().map(e -> e.line().isPresent() ? e
                : new Located(e.source(), lines.line(e.path()), e.path(), e.reason())).toList());
    }

    private record Located(String source, OptionalInt line, String path, String reason) {

        String message() {
            return source + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + (path.isEmpty() ? "" : path + ": ")
                    + reason;
        }
    }
}

package io.evalbatch.ingest;

/** An input line that ingest skipped as invalid (within {@code input.max-invalid}), and why. */
public record InvalidInputLine(String file, long line, String reason) {
}

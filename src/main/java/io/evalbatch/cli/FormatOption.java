package io.evalbatch.cli;

import io.evalbatch.report.OutputFormat;
import picocli.CommandLine.Option;

/** {@code --format table|csv|json}, shared by the commands that print results. */
final class FormatOption {

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;
}

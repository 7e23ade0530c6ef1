package io.evalbatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.ProblemFields;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The problems a human-eval samples file refers to by {@code task_id}. */
final class ProblemSet {

    static final String BUNDLED_HUMAN_EVAL = InputSpec.BUNDLED_PROBLEMS.get("humaneval");
    /**
     * evalplus's test inputs and input contracts: tens of kilobytes per problem, which the evalplus
     * filter reads from its dataset; copied into every sample's doc they would fill the database.
     */
    static final java.util.Set<String> KEPT_WITH_THE_PROBLEMS = java.util.Set.of("base_input", "plus_input",
            "contract");

    private final String source;
    private final Map<String, Problem> problems;

    private ProblemSet(String source, Map<String, Problem> problems) {
        this.source = source;
        this.problems = problems;
    }

    /** Reads a problems file, or the bundled HumanEval problems when {@code file} is null. */
    static ProblemSet load(Path file, ProblemFields fields, ObjectMapper json) {
        String bundled = file == null ? BUNDLED_HUMAN_EVAL : InputSpec.BUNDLED_PROBLEMS.get(file.toString());
        String source = bundled == null ? file.toString()
                : (file == null ? "HumanEval" : file.toString()) + " (bundled)";
        try (BufferedReader reader = bundled != null ? bundled(bundled) : InputFiles.open(file)) {
            Map<String, Problem> problems = new HashMap<>();
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Problem problem = parse(source, number, line, fields, json);
                problems.put(problem.taskId(), problem);
            }
            if (problems.isEmpty()) {
                throw new InvalidInputException(source, 0, "no problems in the problems file");
            }
            return new ProblemSet(source, Map.copyOf(problems));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read problems file " + source + ": " + e.getMessage(), e);
        }
    }

    Optional<Problem> find(String taskId) {
        return Optional.ofNullable(problems.get(taskId));
    }

    String source() {
        return source;
    }

    private static BufferedReader bundled(String resource) throws IOException {
        InputStream in = ProblemSet.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("the bundled problems " + resource + " are missing from the class path");
        }
        return InputFiles.open(in);
    }

    private static Problem parse(String source, long number, String line, ProblemFields fields, ObjectMapper json) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidInputException(source, number, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonFields f = new JsonFields(source, number, node);
        return new Problem(f.id(fields.taskId()),
                fields.prompt() == null ? "" : f.text(fields.prompt()),
                f.textOrLines(fields.test()),
                fields.entryPoint() == null ? null : f.text(fields.entryPoint()),
                canonical(node, fields), extras(node, fields));
    }

    /** The fields not read into the problem's own (nor the reference solution, which can be long). */
    private static ObjectNode extras(JsonNode node, ProblemFields fields) {
        java.util.Set<String> read = new java.util.HashSet<>(ProblemFields.DEFAULT_CANONICAL);
        read.addAll(KEPT_WITH_THE_PROBLEMS);
        java.util.stream.Stream.of(fields.taskId(), fields.prompt(), fields.test(), fields.entryPoint(),
                fields.canonical()).filter(java.util.Objects::nonNull).forEach(read::add);
        ObjectNode extras = ((ObjectNode) node).deepCopy();
        extras.remove(read);
        return extras;
    }

    private static String canonical(JsonNode node, ProblemFields fields) {
        for (String field : fields.canonical() == null ? ProblemFields.DEFAULT_CANONICAL
                : java.util.List.of(fields.canonical())) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                return value.stringValue();
            }
        }
        return null;
    }
}

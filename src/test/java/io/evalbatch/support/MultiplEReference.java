package io.evalbatch.support;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The MultiPL-E reference data: problems and one chat answer per problem (the bundled examples in
 * {@code jobs/examples/multipl-e}), the exact program SandboxFusion's rule makes of each answer, and
 * each program's status as bigcode-evaluation-harness's MultiPL-E evaluators gave it
 * ({@code reference/multipl-e}).
 */
public final class MultiplEReference {

    public static final Path DIRECTORY = ReferenceData.ROOT.resolve("multipl-e");
    private static final Path EXAMPLES = ReferenceData.EXAMPLES.resolve("multipl-e");
    /** MultiPL-E's file suffix of each evalbatch language. */
    public static final Map<String, String> SUFFIXES = Map.of("javascript", "js", "cpp", "cpp", "java", "java",
            "rust", "rs", "bash", "sh", "perl", "pl");

    private MultiplEReference() {
    }

    public static Path problems(String language) {
        return EXAMPLES.resolve("humaneval-" + SUFFIXES.get(language) + ".jsonl.gz");
    }

    public static Path samples(String language) {
        return EXAMPLES.resolve("samples-humaneval-" + SUFFIXES.get(language) + ".jsonl.gz");
    }

    /** task id to its row of a JSON-lines file (gzipped when it ends in .gz). */
    public static Map<String, JsonNode> rows(Path file) {
        return ReferenceData.rows(file, "task_id");
    }

    /** task id to the program the reference evaluator ran. */
    public static Map<String, String> programs(String language) {
        Map<String, String> programs = new LinkedHashMap<>();
        rows(DIRECTORY.resolve("programs-humaneval-" + SUFFIXES.get(language) + ".jsonl.gz"))
                .forEach((task, row) -> programs.put(task, row.path("program").asString()));
        return programs;
    }

    /**
     * task id to the status the reference gave (OK, SyntaxError, Exception, AssertionError,
     * ReferenceError, Timeout); for Java the variant with javatuples on the run-time class path,
     * which the data's README explains is the right target.
     */
    public static Map<String, String> statuses(String language) {
        JsonNode reference = reference();
        Map<String, String> statuses = new LinkedHashMap<>();
        reference.path("per_sample").path(SUFFIXES.get(language)).properties()
                .forEach(e -> statuses.put(e.getKey(), e.getValue().asString()));
        if (language.equals("java")) {
            reference.path("java_jar_on_runtime_classpath_variant").path("differs_from_reference").properties().forEach(e -> statuses.put(e.getKey(), e.getValue().get(1).asString()));
        }
        return statuses;
    }

    public static JsonNode reference() {
        return ReferenceData.json(DIRECTORY.resolve("reference.json.gz"));
    }
}

package io.evalbatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MultiPL-E reference data ({@code multipl-e/} of the shared data): problems, one chat answer
 * per problem, the exact program SandboxFusion's rule makes of it, and each program's status as
 * bigcode-evaluation-harness's MultiPL-E evaluators gave it.
 */
public final class MultiplEReference {

    public static final Path DIRECTORY = SamplesFiles.SHARED_DATA.resolve("multipl-e");
    /** MultiPL-E's file suffix of each evalbatch language. */
    public static final Map<String, String> SUFFIXES = Map.of("javascript", "js", "cpp", "cpp", "java", "java",
            "rust", "rs", "bash", "sh", "perl", "pl");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MultiplEReference() {
    }

    public static Path problems(String language) {
        return DIRECTORY.resolve("humaneval-" + SUFFIXES.get(language) + ".jsonl");
    }

    public static Path samples(String language) {
        return DIRECTORY.resolve("samples-humaneval-" + SUFFIXES.get(language) + ".jsonl");
    }

    /** task id to its row of a JSON-lines file (gzipped when it ends in .gz). */
    public static Map<String, JsonNode> rows(Path file) {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(file.toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    JsonNode row = JSON.readTree(line);
                    rows.put(row.path("task_id").asString(), row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
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
        try {
            return JSON.readTree(Files.readString(DIRECTORY.resolve("reference.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.evalbatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reference data the tests compare against, all of it inside the repository: what other tools
 * computed or wrote, under {@code src/test/resources/reference} (its README says where each file
 * comes from and under which licence), and the example inputs of {@code jobs/examples}, which are
 * part of the reference sets and kept once.
 */
public final class ReferenceData {

    /** The reference data of the tests. */
    public static final Path ROOT = Path.of("src", "test", "resources", "reference").toAbsolutePath();
    /** The example inputs users run; several are members of the reference sets. */
    public static final Path EXAMPLES = Path.of("jobs", "examples").toAbsolutePath();
    /** The HumanEval problems evalbatch bundles (openai/human-eval). */
    public static final Path HUMAN_EVAL_PROBLEMS = Path.of("src", "main", "resources", "problems", "HumanEval.jsonl.gz")
            .toAbsolutePath();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ReferenceData() {
    }

    /**
     * The 40 HumanEval model files of the human-eval reference, in file-name order: four are the
     * bundled examples, the other 36 are gzipped under {@code reference/humaneval/samples}.
     */
    public static List<Path> humanEvalModelFiles() {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(EXAMPLES.resolve("humaneval"), ROOT.resolve("humaneval/samples"))) {
            try (Stream<Path> listing = Files.list(folder)) {
                listing.filter(f -> f.toString().endsWith(".jsonl") || f.toString().endsWith(".jsonl.gz"))
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        files.sort((a, b) -> model(a).compareTo(model(b)));
        return List.copyOf(files);
    }

    /** The model a samples file holds: its name without {@code .jsonl} or {@code .jsonl.gz}. */
    public static String model(Path file) {
        String name = file.getFileName().toString();
        return name.replaceFirst("\\.gz$", "").replaceFirst("\\.jsonl$", "");
    }

    /**
     * GPT-4's completions of the HumanEval example as evalplus's code generator writes them,
     * {@code {"task_id", "solution": prompt + completion}}, written to {@code dir}: derived here
     * rather than stored, since the two forms hold the same programs.
     */
    public static Path evalplusSolutions(Path dir) {
        Map<String, JsonNode> problems = rows(HUMAN_EVAL_PROBLEMS, "task_id");
        StringBuilder lines = new StringBuilder();
        for (JsonNode sample : jsonLines(EXAMPLES.resolve("humaneval/gpt4_final_500c_long.jsonl"))) {
            String taskId = sample.get("task_id").stringValue();
            var solution = JSON.createObjectNode();
            solution.put("task_id", taskId);
            solution.put("solution", problems.get(taskId).get("prompt").stringValue()
                    + sample.get("completion").stringValue());
            lines.append(solution).append('\n');
        }
        return SamplesFiles.write(dir.resolve("gpt4_solutions.jsonl"), lines.toString());
    }

    /** The rows of a JSON-lines file by the value of {@code key}, in file order. */
    public static Map<String, JsonNode> rows(Path file, String key) {
        Map<String, JsonNode> rows = new java.util.LinkedHashMap<>();
        jsonLines(file).forEach(row -> rows.put(row.path(key).asString(), row));
        return rows;
    }

    /** The rows of a JSON-lines file, gzipped when its name ends in .gz. */
    public static List<JsonNode> jsonLines(Path file) {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** A JSON document, gzipped when its name ends in .gz. */
    public static JsonNode json(Path file) {
        try (InputStream in = open(file)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }
}

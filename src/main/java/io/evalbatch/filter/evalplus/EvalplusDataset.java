package io.evalbatch.filter.evalplus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import io.evalbatch.definition.InputSpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problems of an evalplus release file ({@code HumanEvalPlus.jsonl[.gz]}, MBPP+ alike): the
 * bundled HumanEval+ by its name, or a file. {@code md5} is evalplus's dataset hash: the MD5 of the
 * uncompressed file, which its results file records.
 */
final class EvalplusDataset {

    /** The bundled HumanEval+ v0.1.10, by the name {@code input.problems} knows it by too. */
    static final String HUMAN_EVAL_PLUS = "humaneval-plus";
    private static final List<String> NEEDED = List.of("task_id", "prompt", "entry_point", "canonical_solution",
            "base_input", "plus_input");

    private final String source;
    private final String md5;
    private final Map<String, EvalplusProblem> problems;

    private EvalplusDataset(String source, String md5, Map<String, EvalplusProblem> problems) {
        this.source = source;
        this.md5 = md5;
        this.problems = problems;
    }

    /**
     * Reads a bundled set (by its name in {@link InputSpec#BUNDLED_PROBLEMS}) or a file.
     *
     * @throws IllegalArgumentException naming the file, line and reason when it cannot be used
     */
    static EvalplusDataset load(String dataset) {
        String resource = InputSpec.BUNDLED_PROBLEMS.get(dataset);
        String source = resource == null ? dataset : dataset + " (bundled)";
        byte[] content;
        try (InputStream in = resource != null ? EvalplusDataset.class.getClassLoader().getResourceAsStream(resource)
                : Files.newInputStream(Path.of(dataset))) {
            if (in == null) {
                throw new IllegalArgumentException("the bundled problems " + resource + " are missing from the class path");
            }
            content = (dataset.endsWith(".gz") || resource != null && resource.endsWith(".gz")
                    ? new GZIPInputStream(in) : in).readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage());
        }
        JsonMapper json = JsonMapper.builder().build();
        Map<String, EvalplusProblem> problems = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (!line.isBlank()) {
                    EvalplusProblem problem = parse(source, number, line, json);
                    problems.put(problem.taskId(), problem);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage());
        }
        if (problems.isEmpty()) {
            throw new IllegalArgumentException(source + ": no problems in the file");
        }
        return new EvalplusDataset(source, hex("MD5", content), Map.copyOf(problems));
    }

    private static EvalplusProblem parse(String source, long number, String line, JsonMapper json) {
        JsonNode node;
        try {
            node = json.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + ":" + number + ": not valid JSON: " + e.getOriginalMessage());
        }
        for (String field : NEEDED) {
            JsonNode value = node.get(field);
            boolean inputs = field.endsWith("_input");
            if (value == null || (inputs ? !value.isArray() : !value.isString())) {
                throw new IllegalArgumentException(source + ":" + number + ": needs '" + field + "' ("
                        + (inputs ? "a list of argument lists" : "a string") + "), as evalplus's release files have it");
            }
        }
        JsonNode atol = node.get("atol");
        return new EvalplusProblem(node.get("task_id").stringValue(), node.get("entry_point").stringValue(),
                atol == null || !atol.isNumber() ? 0 : atol.doubleValue(), line,
                Base64.getEncoder().encodeToString((node.get("prompt").stringValue()
                        + node.get("canonical_solution").stringValue()).getBytes(StandardCharsets.UTF_8)),
                hex("SHA-256", line.getBytes(StandardCharsets.UTF_8)));
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<EvalplusProblem> find(String taskId) {
        return Optional.ofNullable(problems.get(taskId));
    }

    String source() {
        return source;
    }

    String md5() {
        return md5;
    }
}

package io.evalbatch.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads job definitions (YAML) and stores them (JSON, same keys) with a run, so that a restart in
 * another process runs exactly what the first process ran. Every error names the YAML path.
 */
public final class JobDefinitions {

    private static final Set<String> TOP_KEYS = Set.of("name", "input", "filter", "execution", "metrics");
    private static final Set<String> INPUT_KEYS = Set.of("format", "files", "problems", "task", "fields");
    private static final Set<String> FIELD_KEYS = Set.of("task_id", "prompt", "test", "entry_point");
    private static final Set<String> EXECUTION_KEYS = Set.of("partitions", "threads", "chunk");
    private static final Set<String> METRICS_KEYS = Set.of("pass-at-k", "mean");

    /** Upper bound of partitions: each holds a database connection while it commits. */
    public static final int MAX_PARTITIONS = 32;

    private final ObjectMapper yaml = YAMLMapper.builder().build();
    private final ObjectMapper json = JsonMapper.builder().build();

    public JobDefinition read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidJobDefinitionException(source, "", Files.isDirectory(file)
                    ? "is a directory, not a job definition file" : "no such file");
        }
        JsonNode tree;
        try {
            tree = yaml.readTree(file);
        } catch (JacksonException e) {
            throw new InvalidJobDefinitionException(source, "", "not valid YAML: " + e.getOriginalMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return fromTree(tree, source, base);
    }

    /** Reads a definition stored by {@link #toJson}. */
    public JobDefinition fromJson(String text, String source) {
        return fromTree(json.readTree(text), source, null);
    }

    public String toJson(JobDefinition definition) {
        ObjectNode root = json.createObjectNode();
        root.put("name", definition.name());
        ObjectNode input = root.putObject("input");
        input.put("format", definition.input().format().key());
        ArrayNode files = input.putArray("files");
        definition.input().files().forEach(f -> files.add(f.toString()));
        if (definition.input().problems() != null) {
            input.put("problems", definition.input().problems().toString());
        }
        if (definition.input().task() != null) {
            input.put("task", definition.input().task());
        }
        ProblemFields f = definition.input().fields();
        ObjectNode fields = input.putObject("fields");
        fields.put("task_id", f.taskId());
        fields.put("prompt", f.prompt());
        fields.put("test", f.test());
        fields.put("entry_point", f.entryPoint());
        ObjectNode filter = root.putObject("filter");
        filter.put("name", definition.filter().name());
        definition.filter().options().forEach((k, v) -> filter.set(k, json.valueToTree(v)));
        ObjectNode execution = root.putObject("execution");
        execution.put("partitions", definition.execution().partitions());
        execution.put("threads", definition.execution().threads());
        execution.put("chunk", definition.execution().chunk());
        ObjectNode metrics = root.putObject("metrics");
        ArrayNode k = metrics.putArray("pass-at-k");
        definition.metrics().passAtK().forEach(k::add);
        metrics.put("mean", definition.metrics().mean());
        return json.writeValueAsString(root);
    }

    private JobDefinition fromTree(JsonNode root, String source, Path base) {
        if (root == null || !root.isObject()) {
            throw new InvalidJobDefinitionException(source, "", "must be a mapping with the keys " + sorted(TOP_KEYS));
        }
        Reader r = new Reader(source);
        r.knownKeys(root, "", TOP_KEYS);
        String name = r.requiredText(root, "name");
        InputSpec input = input(r, r.requiredObject(root, "input"), base);
        FilterSpec filter = filter(r, r.requiredObject(root, "filter"));
        ExecutionSpec execution = execution(r, root.get("execution"));
        MetricsSpec metrics = metrics(r, root.get("metrics"));
        return new JobDefinition(name, source, input, filter, execution, metrics);
    }

    private InputSpec input(Reader r, JsonNode node, Path base) {
        r.knownKeys(node, "input", INPUT_KEYS);
        String formatKey = r.requiredText(node, "input.format", "format");
        InputFormat format = InputFormat.of(formatKey).orElseThrow(() -> new InvalidJobDefinitionException(
                r.source, "input.format", "unknown format '" + formatKey + "' (known: human-eval, lm-eval)"));
        List<Path> files = new ArrayList<>();
        JsonNode list = node.get("files");
        if (list != null && !list.isNull()) {
            if (list.isString()) {
                files.add(resolve(base, list.stringValue()));
            } else if (list.isArray()) {
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).isString()) {
                        throw new InvalidJobDefinitionException(r.source, "input.files[" + i + "]", "must be a file path");
                    }
                    files.add(resolve(base, list.get(i).stringValue()));
                }
            } else {
                throw new InvalidJobDefinitionException(r.source, "input.files", "must be a list of file paths");
            }
        }
        String problems = r.optionalText(node, "input.problems", "problems");
        String task = r.optionalText(node, "input.task", "task");
        return new InputSpec(format, files, problems == null ? null : resolve(base, problems), task,
                fields(r, node.get("fields")));
    }

    private ProblemFields fields(Reader r, JsonNode node) {
        ProblemFields d = ProblemFields.HUMAN_EVAL;
        if (node == null || node.isNull()) {
            return d;
        }
        r.requireObject(node, "input.fields");
        r.knownKeys(node, "input.fields", FIELD_KEYS);
        String taskId = r.optionalText(node, "input.fields.task_id", "task_id");
        String test = r.optionalText(node, "input.fields.test", "test");
        return new ProblemFields(taskId == null ? d.taskId() : taskId,
                node.has("prompt") ? r.optionalText(node, "input.fields.prompt", "prompt") : d.prompt(),
                test == null ? d.test() : test,
                node.has("entry_point") ? r.optionalText(node, "input.fields.entry_point", "entry_point") : d.entryPoint());
    }

    private FilterSpec filter(Reader r, JsonNode node) {
        String name = r.requiredText(node, "filter.name", "name");
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!e.getKey().equals("name")) {
                options.put(e.getKey(), json.treeToValue(e.getValue(), Object.class));
            }
        }
        return new FilterSpec(r.source, name, options);
    }

    private ExecutionSpec execution(Reader r, JsonNode node) {
        ExecutionSpec d = ExecutionSpec.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        r.requireObject(node, "execution");
        r.knownKeys(node, "execution", EXECUTION_KEYS);
        int partitions = r.positiveInt(node, "execution", "partitions", d.partitions());
        if (partitions > MAX_PARTITIONS) {
            throw new InvalidJobDefinitionException(r.source, "execution.partitions", "must be at most " + MAX_PARTITIONS);
        }
        return new ExecutionSpec(partitions,
                r.positiveInt(node, "execution", "threads", d.threads()),
                r.positiveInt(node, "execution", "chunk", d.chunk()));
    }

    private MetricsSpec metrics(Reader r, JsonNode node) {
        if (node == null || node.isNull()) {
            return MetricsSpec.DEFAULT;
        }
        r.requireObject(node, "metrics");
        r.knownKeys(node, "metrics", METRICS_KEYS);
        List<Integer> ks = new ArrayList<>();
        JsonNode list = node.get("pass-at-k");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidJobDefinitionException(r.source, "metrics.pass-at-k", "must be a list of positive integers");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode k = list.get(i);
                if (!k.isIntegralNumber() || k.longValue() <= 0 || k.longValue() > Integer.MAX_VALUE) {
                    throw new InvalidJobDefinitionException(r.source, "metrics.pass-at-k[" + i + "]",
                            "must be a positive integer, not " + k);
                }
                if (!ks.contains(k.intValue())) {
                    ks.add(k.intValue());
                }
            }
        }
        JsonNode mean = node.get("mean");
        if (mean != null && !mean.isBoolean()) {
            throw new InvalidJobDefinitionException(r.source, "metrics.mean", "must be true or false");
        }
        boolean withMean = mean == null || mean.booleanValue();
        if (ks.isEmpty() && !withMean) {
            throw new InvalidJobDefinitionException(r.source, "metrics", "selects no metric (give pass-at-k or mean: true)");
        }
        return new MetricsSpec(ks.stream().sorted().toList(), withMean);
    }

    private static Path resolve(Path base, String path) {
        Path p = Path.of(path);
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys));
    }

    /** Tree access that names the YAML path of whatever is wrong. */
    private record Reader(String source) {

        void knownKeys(JsonNode node, String path, Set<String> known) {
            for (String key : node.propertyNames()) {
                if (!known.contains(key)) {
                    throw new InvalidJobDefinitionException(source, path.isEmpty() ? key : path + "." + key,
                            "unknown key (known: " + sorted(known) + ")");
                }
            }
        }

        void requireObject(JsonNode node, String path) {
            if (!node.isObject()) {
                throw new InvalidJobDefinitionException(source, path, "must be a mapping");
            }
        }

        JsonNode requiredObject(JsonNode parent, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                throw new InvalidJobDefinitionException(source, key, "missing");
            }
            requireObject(node, key);
            return node;
        }

        String requiredText(JsonNode parent, String key) {
            return requiredText(parent, key, key);
        }

        String requiredText(JsonNode parent, String path, String key) {
            String value = optionalText(parent, path, key);
            if (value == null || value.isBlank()) {
                throw new InvalidJobDefinitionException(source, path, "missing");
            }
            return value;
        }

        String optionalText(JsonNode parent, String path, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw new InvalidJobDefinitionException(source, path, "must be a string, not " + node);
            }
            return node.stringValue();
        }

        int positiveInt(JsonNode parent, String path, String key, int defaultValue) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isIntegralNumber() || node.longValue() <= 0 || node.longValue() > 100_000) {
                throw new InvalidJobDefinitionException(source, path + "." + key, "must be a positive integer, not " + node);
            }
            return node.intValue();
        }
    }
}

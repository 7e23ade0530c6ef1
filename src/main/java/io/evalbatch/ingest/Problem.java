package io.evalbatch.ingest;

/**
 * A HumanEval-style problem: the prompt a completion continues and the tests that check it, and
 * its reference solution (a completion of the prompt), null when the problem has none.
 */
record Problem(String taskId, String prompt, String test, String entryPoint, String canonical) {
}

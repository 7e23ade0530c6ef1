package io.evalbatch.ingest;

/** A HumanEval-style problem: the prompt a completion continues and the tests that check it. */
record Problem(String taskId, String prompt, String test, String entryPoint) {
}

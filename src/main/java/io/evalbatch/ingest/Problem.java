package io.evalbatch.ingest;

import tools.jackson.databind.node.ObjectNode;

/**
 * A HumanEval-style problem: the prompt a completion continues and the tests that check it, and
 * its reference solution (a completion of the prompt), null when the problem has none.
 * {@code extras} are the problem's other fields (MultiPL-E's language and stop tokens, a
 * judge's name), which travel with each sample for filters that use them; {@code extrasText} is
 * them as JSON, written once per problem rather than once per sample (null when there are none).
 */
record Problem(String taskId, String prompt, String test, String entryPoint, String canonical, ObjectNode extras,
               String extrasText) {

    Problem(String taskId, String prompt, String test, String entryPoint, String canonical, ObjectNode extras) {
        this(taskId, prompt, test, entryPoint, canonical, extras, extras.isEmpty() ? null : extras.toString());
    }
}

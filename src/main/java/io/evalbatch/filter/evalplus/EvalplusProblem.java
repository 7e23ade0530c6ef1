package io.evalbatch.filter.evalplus;

/**
 * One problem of an evalplus release file.
 *
 * @param line      its line in the file, which the ground truth is computed from
 * @param reference the reference program, prompt + canonical solution as evalplus runs it, in base64: the
 *                  form every check of the problem sends it in
 * @param hash      SHA-256 of the line: what stored ground truths are found by
 */
record EvalplusProblem(String taskId, String entryPoint, double atol, String line, String reference, String hash) {
}

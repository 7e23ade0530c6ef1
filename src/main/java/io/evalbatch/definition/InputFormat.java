package io.evalbatch.definition;

import java.util.Arrays;
import java.util.Optional;

/** The shapes of samples file evalbatch reads. */
public enum InputFormat {

    /** openai/human-eval and evalplus samples: {@code {"task_id": ..., "completion": ...}} per line. */
    HUMAN_EVAL("human-eval"),

    /** lm-evaluation-harness {@code --log_samples} output: one document per line, its repeats in {@code resps}. */
    LM_EVAL("lm-eval"),

    /**
     * evalplus samples: {@code {"task_id": ..., "solution": ...}} (a whole program) or
     * {@code "completion"} (continuing the prompt) per line, or evalplus's directory of
     * {@code <task_id with / as _>/<n>.py} files.
     */
    EVALPLUS("evalplus"),

    /**
     * bigcode-evaluation-harness generations: a JSON array, one array of generations (prompt
     * included) per document in dataset order, with the references file of the same documents.
     */
    BIGCODE("bigcode"),

    /**
     * Inspect logs, {@code .eval} or {@code .json}: one sample per sample id and epoch, the
     * output's completion as its response.
     */
    INSPECT("inspect"),

    /**
     * MultiPL-E completions: per problem {@code name}, {@code language}, {@code prompt}, {@code tests},
     * {@code stop_tokens} and its {@code completions}, one problem per line or per file of a directory.
     */
    MULTIPL_E("multipl-e"),

    /**
     * FastChat's MT-bench {@code model_answer} files: per line a {@code question_id} and
     * {@code choices[0].turns}, one answer per user turn; the questions ({@code problems}) and the
     * reference answers ({@code references}) in FastChat's files beside. Each turn of each question is
     * a sample of task {@code <task>-turn-<n>}.
     */
    MT_BENCH("mt-bench");

    private final String key;

    InputFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<InputFormat> of(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}

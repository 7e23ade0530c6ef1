package io.evalbatch.definition;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The shape of a job's samples files, named by {@code input.format}: one of the formats evalbatch
 * reads itself, or one a plugin provides. Every format of evalbatch's own is a single instance, so
 * that {@code ==} tells them apart; a plugin's is known only by its name here, and the ingest step
 * finds the plugin that reads it.
 */
public final class InputFormat {

    /** openai/human-eval and evalplus samples: {@code {"task_id": ..., "completion": ...}} per line. */
    public static final InputFormat HUMAN_EVAL = new InputFormat("human-eval", "human-eval samples");

    /** lm-evaluation-harness {@code --log_samples} output: one document per line, its repeats in {@code resps}. */
    public static final InputFormat LM_EVAL = new InputFormat("lm-eval", "an lm-eval --log_samples log");

    /**
     * evalplus samples: {@code {"task_id": ..., "solution": ...}} (a whole program) or
     * {@code "completion"} (continuing the prompt) per line, or evalplus's directory of
     * {@code <task_id with / as _>/<n>.py} files.
     */
    public static final InputFormat EVALPLUS = new InputFormat("evalplus", "evalplus samples");

    /**
     * bigcode-evaluation-harness generations: a JSON array, one array of generations (prompt
     * included) per document in dataset order, with the references file of the same documents.
     */
    public static final InputFormat BIGCODE = new InputFormat("bigcode", "a bigcode generations file");

    /**
     * Inspect logs, {@code .eval} or {@code .json}: one sample per sample id and epoch, the
     * output's completion as its response.
     */
    public static final InputFormat INSPECT = new InputFormat("inspect", "an Inspect log");

    /**
     * MultiPL-E completions: per problem {@code name}, {@code language}, {@code prompt}, {@code tests},
     * {@code stop_tokens} and its {@code completions}, one problem per line or per file of a directory.
     */
    public static final InputFormat MULTIPL_E = new InputFormat("multipl-e", "MultiPL-E completions");

    /**
     * FastChat's MT-bench {@code model_answer} files: per line a {@code question_id} and
     * {@code choices[0].turns}, one answer per user turn; the questions ({@code problems}) and the
     * reference answers ({@code references}) in FastChat's files beside. Each turn of each question is
     * a sample of task {@code <task>-turn-<n>}.
     */
    public static final InputFormat MT_BENCH = new InputFormat("mt-bench", "an MT-bench model_answer file");

    private static final List<InputFormat> BUILT_IN = List.of(HUMAN_EVAL, LM_EVAL, EVALPLUS, BIGCODE, INSPECT,
            MULTIPL_E, MT_BENCH);

    private final String key;
    private final String description;

    private InputFormat(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** The name a job gives it in {@code input.format}. */
    public String key() {
        return key;
    }

    /** What its files are, for messages: "an lm-eval --log_samples log". */
    public String description() {
        return description;
    }

    /** Whether evalbatch reads it itself, rather than a plugin. */
    public boolean builtIn() {
        return BUILT_IN.contains(this);
    }

    /** The formats evalbatch reads itself, in the order the docs list them. */
    public static List<InputFormat> builtIns() {
        return BUILT_IN;
    }

    /** The format of this name evalbatch reads itself, if any. */
    public static Optional<InputFormat> builtIn(String key) {
        return BUILT_IN.stream().filter(f -> f.key.equals(key)).findFirst();
    }

    /** The format a job names: evalbatch's own of that name, or else a plugin's, which may not be loaded. */
    public static InputFormat named(String key) {
        return builtIn(key).orElseGet(() -> new InputFormat(key, "'" + key + "' files"));
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof InputFormat format && format.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}

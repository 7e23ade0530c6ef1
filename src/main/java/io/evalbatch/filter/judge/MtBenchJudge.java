package io.evalbatch.filter.judge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FastChat's MT-bench single grading: which judge prompt a judgment uses and the messages it sends.
 * Turn 1 is judged with {@code single-v1}, turn 2 with {@code single-v1-multi-turn} and the whole
 * conversation; questions of the categories that need a reference (math, reasoning, coding) use the
 * {@code single-math-v1} prompts with GPT-4's reference answers. The user message is the prompt's
 * template filled as Python's {@code str.format} fills it, byte for byte what FastChat sends.
 */
public final class MtBenchJudge {

    /** The categories whose judgments show the judge a reference answer (FastChat's NEED_REF_CATS). */
    public static final Set<String> REFERENCE_CATEGORIES = Set.of("math", "reasoning", "coding", "arena-hard-200");

    private final Map<String, JudgePrompt> prompts;

    /** @param prompts FastChat's judge prompts by name; the four single-grading ones are needed */
    public MtBenchJudge(Map<String, JudgePrompt> prompts) {
        for (String name : List.of("single-v1", "single-math-v1", "single-v1-multi-turn", "single-math-v1-multi-turn")) {
            if (!prompts.containsKey(name)) {
                throw new IllegalArgumentException("the judge prompts have no '" + name + "'");
            }
        }
        this.prompts = Map.copyOf(prompts);
    }

    /** @throws IllegalArgumentException when the item lacks what its prompt needs (a second turn, a reference) */
    public JudgeMessages messages(MtBenchItem item) {
        boolean reference = REFERENCE_CATEGORIES.contains(item.category());
        boolean multiTurn = item.turn() == 2;
        String name = (reference ? "single-math-v1" : "single-v1") + (multiTurn ? "-multi-turn" : "");
        JudgePrompt prompt = java.util.Objects.requireNonNull(prompts.get(name), "checked in the constructor");
        Map<String, String> values = new HashMap<>();
        List<String> references = item.references();
        if (reference) {
            if (references == null || references.size() < item.turn()) {
                throw new IllegalArgumentException("question " + item.questionId() + " (" + item.category()
                        + ") needs a reference answer for turn " + item.turn());
            }
            values.put("ref_answer_1", references.get(0));
            if (multiTurn) {
                values.put("ref_answer_2", references.get(1));
            }
        }
        if (item.questions().size() < item.turn() || item.answers().size() < item.turn()) {
            throw new IllegalArgumentException("question " + item.questionId() + " has no turn " + item.turn()
                    + " of question and answer");
        }
        if (multiTurn) {
            values.put("question_1", item.questions().get(0));
            values.put("question_2", item.questions().get(1));
            values.put("answer_1", item.answers().get(0));
            values.put("answer_2", item.answers().get(1));
        } else {
            values.put("question", item.questions().get(0));
            values.put("answer", item.answers().get(0));
        }
        return new JudgeMessages(name, prompt.systemPrompt(), prompt.template().fill(values));
    }
}

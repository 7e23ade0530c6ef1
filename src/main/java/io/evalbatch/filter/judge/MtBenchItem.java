package io.evalbatch.filter.judge;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One MT-bench judgment to make: a question's two user turns, the model's answer to each, the
 * reference answers where the category has them, and which turn is judged.
 *
 * @param references GPT-4's reference answers, one per turn; null when the question has none
 * @param turn       1 or 2; turn 2 is judged with the whole conversation
 */
public record MtBenchItem(int questionId, String category, List<String> questions, List<String> answers,
                          @Nullable List<String> references, int turn) {
}

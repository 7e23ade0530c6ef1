package io.evalbatch.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * maj@k of one document: the most frequent answer among its first k samples, as lm-eval's
 * {@code take_first_k} and {@code majority_vote} filters pick it (a tie goes to the answer seen
 * first), is correct or not. A sample without an answer votes for "no answer", which is never correct.
 */
final class MajorityVote {

    /** Stands for a missing answer: no real answer can equal it, so it is never correct. */
    private static final String NO_ANSWER = "\u0000no answer";

    private MajorityVote() {
    }

    /** 1.0 when the majority answer of the first k samples passed, else 0.0. */
    static double of(List<String> answers, List<Boolean> correct, int k) {
        if (k <= 0 || answers.size() < k || correct.size() != answers.size()) {
            throw new IllegalArgumentException("maj@" + k + " needs at least k answers, found " + answers.size());
        }
        // Insertion order keeps the first-seen answer ahead in a tie.
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (String answer : answers.subList(0, k)) {
            votes.merge(answer == null ? NO_ANSWER : answer, 1, Integer::sum);
        }
        String winner = votes.entrySet().stream()
                .reduce((best, next) -> next.getValue() > best.getValue() ? next : best).orElseThrow().getKey();
        for (int i = 0; i < k; i++) {
            if (winner.equals(answers.get(i)) && Boolean.TRUE.equals(correct.get(i))) {
                return 1.0;
            }
        }
        return 0.0;
    }
}

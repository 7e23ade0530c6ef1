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

    private MajorityVote() {
    }

    /** 1.0 when the majority answer of the first k samples passed, else 0.0. */
    static double of(List<String> answers, List<Boolean> correct, int k) {
        if (k <= 0 || answers.size() < k || correct.size() != answers.size()) {
            throw new IllegalArgumentException("maj@" + k + " needs at least k answers, found " + answers.size());
        }
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, Boolean> passed = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            String answer = answers.get(i) == null ? "\u0000no answer" : answers.get(i);
            votes.computeIfAbsent(answer, a -> new int[1])[0]++;
            passed.merge(answer, answers.get(i) != null && Boolean.TRUE.equals(correct.get(i)), Boolean::logicalOr);
        }
        String winner = null;
        int most = 0;
        for (Map.Entry<String, int[]> vote : votes.entrySet()) {
            if (vote.getValue()[0] > most) {
                winner = vote.getKey();
                most = vote.getValue()[0];
            }
        }
        return passed.get(winner) ? 1.0 : 0.0;
    }
}

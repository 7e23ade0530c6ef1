package io.evalbatch.filter.match;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;

/**
 * Scores a response by the answer extracted from it: passed when the answer equals the target
 * after normalization. The normalized answer is stored, so that majority votes count answers
 * that are equal as compared.
 */
final class ExactMatchFilter implements SimulationFilter {

    private final AnswerMatcher matcher;

    ExactMatchFilter(AnswerMatcher matcher) {
        this.matcher = matcher;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        String answer = matcher.normalize(matcher.answer(sample.response()));
        String target = matcher.normalize(sample.test());
        boolean match = answer.equals(target);
        return new FilterResult(match ? Outcome.PASSED : Outcome.FAILED, match ? 1.0 : 0.0, answer,
                match ? null : "answer '" + answer + "' is not the target '" + target + "'");
    }
}

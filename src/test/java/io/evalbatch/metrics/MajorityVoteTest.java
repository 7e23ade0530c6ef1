package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class MajorityVoteTest {

    @Test
    void theMostFrequentAnswerAmongTheFirstKDecides() {
        List<String> answers = List.of("4", "3", "3", "4", "4");
        List<Boolean> correct = List.of(false, true, true, false, false);
        assertThat(MajorityVote.of(answers, correct, 1)).isEqualTo(0.0);   // "4"
        assertThat(MajorityVote.of(answers, correct, 3)).isEqualTo(1.0);   // "3" twice, "4" once
        assertThat(MajorityVote.of(answers, correct, 5)).isEqualTo(0.0);   // "4" three times
    }

    @Test
    void aTieGoesToTheAnswerSeenFirst() {
        assertThat(MajorityVote.of(List.of("3", "4", "4", "3"), List.of(true, false, false, true), 4)).isEqualTo(1.0);
        assertThat(MajorityVote.of(List.of("4", "3", "3", "4"), List.of(false, true, true, false), 4)).isEqualTo(0.0);
    }

    @Test
    void missingAnswersVoteTogetherAndAreNeverCorrect() {
        List<String> answers = Arrays.asList(null, null, "7");
        assertThat(MajorityVote.of(answers, List.of(false, false, true), 3)).isEqualTo(0.0);
        assertThat(MajorityVote.of(answers, List.of(true, true, true), 3)).isEqualTo(0.0);
    }

    @Test
    void needsKAnswers() {
        assertThatThrownBy(() -> MajorityVote.of(List.of("1"), List.of(true), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

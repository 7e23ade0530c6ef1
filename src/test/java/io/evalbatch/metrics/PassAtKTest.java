package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PassAtKTest {

    /** 1 - C(n-c, k) / C(n, k), with binomials computed exactly by hand. */
    @Test
    void matchesTheBinomialFormula() {
        // n=5, c=2, k=1: 1 - C(3,1)/C(5,1) = 1 - 3/5
        assertThat(PassAtK.estimate(5, 2, 1)).isCloseTo(0.4, within(1e-15));
        // n=5, c=2, k=2: 1 - C(3,2)/C(5,2) = 1 - 3/10
        assertThat(PassAtK.estimate(5, 2, 2)).isCloseTo(0.7, within(1e-15));
        // n=10, c=3, k=5: 1 - C(7,5)/C(10,5) = 1 - 21/252
        assertThat(PassAtK.estimate(10, 3, 5)).isCloseTo(1 - 21.0 / 252, within(1e-15));
        // n=40, c=1, k=10: 1 - C(39,10)/C(40,10) = 1 - 30/40
        assertThat(PassAtK.estimate(40, 1, 10)).isCloseTo(0.25, within(1e-15));
    }

    @Test
    void edgeCases() {
        assertThat(PassAtK.estimate(3, 0, 3)).isEqualTo(0.0);     // n = k, nothing passed
        assertThat(PassAtK.estimate(3, 1, 3)).isEqualTo(1.0);     // n = k, one passed: every draw of 3 has it
        assertThat(PassAtK.estimate(7, 7, 2)).isEqualTo(1.0);     // c = n
        assertThat(PassAtK.estimate(7, 0, 2)).isEqualTo(0.0);     // c = 0
        assertThat(PassAtK.estimate(10, 9, 2)).isEqualTo(1.0);    // n - c < k
        assertThat(PassAtK.estimate(1, 1, 1)).isEqualTo(1.0);
        assertThat(PassAtK.estimate(1, 0, 1)).isEqualTo(0.0);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> PassAtK.estimate(2, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassAtK.estimate(2, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PassAtK.estimate(2, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void theSameSeedGivesTheSameReplicatesAndAnotherSeedOthers() {
        double[] values = {1, 0, 0, 1, 1, 0.5, 0.25, 0, 1, 1};
        double[] first = Bootstrap.replicates(values, 500, 7, "gsm8k");
        assertThat(Bootstrap.replicates(values, 500, 7, "gsm8k")).containsExactly(first);
        assertThat(Bootstrap.replicates(values, 500, 8, "gsm8k")).isNotEqualTo(first);
        assertThat(Bootstrap.replicates(values, 500, 7, "mbpp")).isNotEqualTo(first);
    }

    /**
     * With many documents the bootstrap standard error approaches the closed form, sd / sqrt(n)
     * (with ddof 0 for the resampled population; the ddof 1 form differs by sqrt(n / (n - 1))).
     */
    @Test
    void agreesWithTheClosedFormOnManyDocuments() {
        SplittableRandom random = new SplittableRandom(1);
        double[] values = new double[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() < 0.3 ? 1.0 : 0.0;
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double closedForm = Math.sqrt(squares / (values.length - 1)) / Math.sqrt(values.length);

        double bootstrap = Bootstrap.stderr(Bootstrap.replicates(values, 4000, 1234, "task"));

        assertThat(bootstrap).isCloseTo(closedForm, within(closedForm * 0.05));
    }

    @Test
    void stderrIsTheSampleStandardDeviationOfTheReplicates() {
        // mean 2, squared deviations 1 + 0 + 1 = 2, over (3 - 1)
        assertThat(Bootstrap.stderr(new double[] {1, 2, 3})).isCloseTo(1.0, within(1e-15));
        assertThat(Bootstrap.stderr(new double[] {5})).isNull();
    }

    @Test
    void percentileInterpolatesBetweenRanksAsNumpyDoes() {
        double[] sorted = {0, 1, 2, 3, 4};
        // numpy.percentile([0,1,2,3,4], 2.5) = 0.1, (…, 97.5) = 3.9
        assertThat(RunComparison.percentile(sorted, 0.025)).isCloseTo(0.1, within(1e-12));
        assertThat(RunComparison.percentile(sorted, 0.975)).isCloseTo(3.9, within(1e-12));
    }
}

package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The task mean must equal, bit for bit, what PostgreSQL's {@code avg} and {@code stddev_samp}
 * give over the same values in the same order: runs summarized by earlier versions did it in SQL.
 */
@DatabaseTest
class TaskMeanTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void equalsPostgresqlToTheLastBitOnValuesThatRoundDifferentlyInEveryOrder() {
        Random random = new Random(42);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + random.nextInt(trial < 20 ? 12 : 3000);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (trial % 4) {
                    case 0 -> random.nextInt(2);                               // pass/fail means
                    case 1 -> random.nextInt(11) / 10.0;                       // pass@1 over 10 samples
                    case 2 -> 1 - Math.pow(random.nextDouble(), 3);            // pass@k estimates
                    default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 6);
                };
            }
            TaskMean mean = TaskMean.of(values);
            Double[] sql = postgresql(values);
            assertThat(mean.value()).as("mean of %d values, trial %d", n, trial).isEqualTo(sql[0]);
            assertThat(mean.stderr()).as("stderr of %d values, trial %d", n, trial).isEqualTo(sql[1]);
        }
    }

    @Test
    void aSingleDocumentHasNoStandardErrorAndEqualExactValuesHaveZero() {
        assertThat(TaskMean.of(new double[] {0.25})).isEqualTo(new TaskMean(0.25, null));
        assertThat(TaskMean.of(new double[] {0.5, 0.5, 0.5, 0.5, 0.5})).isEqualTo(new TaskMean(0.5, 0.0));
    }

    @Test
    void matchesTheTextbookFormulaOnAHandComputedCase() {
        // values 0, 1, 1, 0.5: mean 0.625, sample variance ((0.625² + 0.375² · 2 + 0.125²) / 3)
        // = 0.22916..., stderr = sqrt(0.2291666) / 2.
        TaskMean mean = TaskMean.of(new double[] {0, 1, 1, 0.5});
        assertThat(mean.value()).isEqualTo(0.625);
        assertThat(mean.stderr()).isCloseTo(Math.sqrt((0.390625 + 0.140625 * 2 + 0.015625) / 3) / 2, within(1e-15));
    }

    /** avg and stddev_samp / sqrt(count) over the values in their order, as the summary once did. */
    private Double[] postgresql(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(v);
        }
        return jdbc.sql("""
                        select avg(v order by i), stddev_samp(v order by i) / sqrt(count(*))
                          from unnest(cast(:values as double precision[])) with ordinality as t(v, i)""")
                .param("values", list.toArray(Double[]::new))
                .query((rs, row) -> new Double[] {rs.getDouble(1), (Double) rs.getObject(2)})
                .single();
    }
}

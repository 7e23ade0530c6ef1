package io.evalbatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.evalbatch.metrics.MetricRow;
import org.junit.jupiter.api.Test;

/** Times and intervals as a person reads them on the pages. */
class PageTextTest {

    private final PageText text = new PageText();

    @Test
    void durationsAtHumanScale() {
        assertThat(PageText.duration(850)).isEqualTo("850 ms");
        assertThat(PageText.duration(2_500)).isEqualTo("2.5 s");
        assertThat(PageText.duration(12_000)).isEqualTo("12 s");
        assertThat(PageText.duration(184_000)).isEqualTo("3 min 4 s");
        assertThat(PageText.duration(7_500_000)).isEqualTo("2 h 5 min");
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        assertThat(text.duration(start, start.plusSeconds(60))).isEqualTo("1 min");
    }

    @Test
    void howLongAgo() {
        Instant now = Instant.now();
        assertThat(text.ago(now.minusSeconds(10))).isEqualTo("just now");
        assertThat(text.ago(now.minus(Duration.ofMinutes(3)))).isEqualTo("3 min ago");
        assertThat(text.ago(now.minus(Duration.ofHours(5)))).isEqualTo("5 h ago");
        assertThat(text.ago(now.minus(Duration.ofDays(1)))).isEqualTo("yesterday");
        assertThat(text.ago(now.minus(Duration.ofDays(9)))).isEqualTo("9 days ago");
        assertThat(text.ago(null)).isEmpty();
    }

    @Test
    void aShareOfDocumentsHasItsIntervalWithinZeroAndOne() {
        // 2 of 4 right: stderr sqrt(1/3)/2 = 0.2887; 0.5 ± 1.96 x 0.2887 = [-0.0658, 1.0658]
        MetricRow passAt1 = row("pass@1", 0.5, 0.2887);
        assertThat(text.interval(passAt1)).isEqualTo("95% [0.0000, 1.0000]");
        // not a share: 0.5 ± 1.96 x 0.2887 = 0.5 ± 0.5659, as it is
        assertThat(text.interval(row("score:mean", 0.5, 0.2887))).isEqualTo("95% [-0.0659, 1.0659]");
        assertThat(text.interval(row("pass@1", 0.8, 0.05))).isEqualTo("95% [0.7020, 0.8980]");
    }

    @Test
    void valueAxesEndOnRoundNumbers() {
        SvgCharts.Axis unit = SvgCharts.Axis.of(0, 0.86);
        assertThat(unit.ticks()).hasSize(6);
        double[] round = {0, 0.2, 0.4, 0.6, 0.8, 1.0};
        for (int i = 0; i < round.length; i++) {
            assertThat(unit.ticks().get(i)).isCloseTo(round[i], org.assertj.core.api.Assertions.within(1e-12));
            assertThat(unit.label(unit.ticks().get(i))).isEqualTo(i == 0 ? "0" : i == 5 ? "1" : "0." + 2 * i);
        }
        SvgCharts.Axis seconds = SvgCharts.Axis.of(0, 3_100);
        assertThat(seconds.high()).isEqualTo(4_000);
        assertThat(seconds.ticks()).containsExactly(0.0, 1000.0, 2000.0, 3000.0, 4000.0);
    }

    private static MetricRow row(String metric, double value, double stderr) {
        return new MetricRow("r", "task", "t", metric, "documents", value, stderr, null, 4, 4L, null, 0);
    }
}

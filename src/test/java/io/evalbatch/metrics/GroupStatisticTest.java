package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class GroupStatisticTest {

    private final TaskStatistic small = new TaskStatistic("a", "acc", 0.9, 0.1, 10, 10, new double[] {0.8, 1.0, 0.9});
    private final TaskStatistic large = new TaskStatistic("b", "acc", 0.3, 0.05, 30, 60, new double[] {0.2, 0.4, 0.3});

    @Test
    void weightedByDocumentsIsTheMeanOverAllDocuments() {
        GroupStatistic g = GroupStatistic.of(List.of(small, large), GroupStatistic.Weighting.DOCUMENTS);
        // (10 * 0.9 + 30 * 0.3) / 40
        assertThat(g.value()).isCloseTo(18.0 / 40, within(1e-15));
        // sqrt((1/4)^2 * 0.1^2 + (3/4)^2 * 0.05^2)
        assertThat(g.stderr()).isCloseTo(Math.sqrt(0.0625 * 0.01 + 0.5625 * 0.0025), within(1e-15));
        // replicates 0.25*0.8+0.75*0.2 = 0.35, 0.25*1+0.75*0.4 = 0.55, 0.25*0.9+0.75*0.3 = 0.45: sd 0.1
        assertThat(g.bootstrapStderr()).isCloseTo(0.1, within(1e-12));
        assertThat(g.documents()).isEqualTo(40);
        assertThat(g.samples()).isEqualTo(70);
    }

    @Test
    void weightedByTasksIsThePlainMeanOfTheTasks() {
        GroupStatistic g = GroupStatistic.of(List.of(small, large), GroupStatistic.Weighting.TASKS);
        assertThat(g.value()).isCloseTo(0.6, within(1e-15));
        assertThat(g.stderr()).isCloseTo(Math.sqrt(0.25 * 0.01 + 0.25 * 0.0025), within(1e-15));
        // replicates 0.5, 0.7, 0.6: sd 0.1
        assertThat(g.bootstrapStderr()).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aTaskOfOneDocumentLeavesTheClosedFormErrorUnknown() {
        TaskStatistic single = new TaskStatistic("c", "acc", 1.0, null, 1, 1, null);
        GroupStatistic g = GroupStatistic.of(List.of(small, single), GroupStatistic.Weighting.DOCUMENTS);
        assertThat(g.value()).isCloseTo((9 + 1.0) / 11, within(1e-15));
        assertThat(g.stderr()).isNull();
        assertThat(g.bootstrapStderr()).isNull();
    }
}

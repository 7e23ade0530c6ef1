package io.evalbatch.distribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Settings that would make a live worker count as lost, or that name no queue, are refused. */
class WorkerSettingsTest {

    @Test
    void aTimeoutShorterThanTwoHeartbeatsIsRefused() {
        assertThatThrownBy(() -> new WorkerSettings("partitions", Duration.ofSeconds(5), Duration.ofSeconds(9),
                Duration.ofSeconds(1)))
                .hasMessageContaining("EVALBATCH_WORKER_TIMEOUT (PT9S) must be at least twice EVALBATCH_WORKER_HEARTBEAT (PT5S)");
        assertThat(new WorkerSettings("partitions", Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(1)).timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aQueueMustBeNamedAndFitTheMessageStore() {
        assertThatThrownBy(() -> new WorkerSettings(" ", Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(1))).hasMessageContaining("EVALBATCH_WORKER_QUEUE (evalbatch.worker.queue) must be 1 to 100 characters");
        assertThatThrownBy(() -> new WorkerSettings("q".repeat(101), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofSeconds(1))).hasMessageContaining("EVALBATCH_WORKER_QUEUE");
    }

    @Test
    void heartbeatAndPollIntervalMustBePositive() {
        assertThatThrownBy(() -> new WorkerSettings("partitions", Duration.ZERO, Duration.ofSeconds(30),
                Duration.ofSeconds(1))).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> new WorkerSettings("partitions", Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMillis(-1))).hasMessageContaining("must be positive");
    }
}

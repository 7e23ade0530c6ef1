package io.evalbatch.distribute;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How distributed runs and their workers find and watch each other. Every setting can come from
 * the environment, e.g. {@code EVALBATCH_WORKER_TIMEOUT=2m}.
 *
 * @param queue        the queue a distributed run puts its partitions on and workers take them from
 *                     ({@code EVALBATCH_WORKER_QUEUE}); runs and workers on different queues never meet
 * @param heartbeat    how often a worker records that it is alive ({@code EVALBATCH_WORKER_HEARTBEAT})
 * @param timeout      how long a worker may stay silent before its partitions count as lost
 *                     ({@code EVALBATCH_WORKER_TIMEOUT}); a worker that cannot record its heartbeat for
 *                     this long ends itself, since its partitions are given up by then
 * @param pollInterval how often a worker looks for a partition and a run looks at its partitions
 *                     ({@code EVALBATCH_WORKER_POLL_INTERVAL})
 */
@ConfigurationProperties("evalbatch.worker")
public record WorkerSettings(@DefaultValue("partitions") String queue, @DefaultValue("5s") Duration heartbeat,
                             @DefaultValue("30s") Duration timeout, @DefaultValue("1s") Duration pollInterval) {

    public WorkerSettings {
        if (queue == null || queue.isBlank() || queue.length() > 100) {
            throw new IllegalArgumentException("EVALBATCH_WORKER_QUEUE (evalbatch.worker.queue) must be 1 to 100 "
                    + "characters, not '" + queue + "'");
        }
        if (heartbeat.isNegative() || heartbeat.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("EVALBATCH_WORKER_HEARTBEAT and EVALBATCH_WORKER_POLL_INTERVAL must be "
                    + "positive, not " + heartbeat + " and " + pollInterval);
        }
        if (timeout.compareTo(heartbeat.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("EVALBATCH_WORKER_TIMEOUT (" + timeout + ") must be at least twice "
                    + "EVALBATCH_WORKER_HEARTBEAT (" + heartbeat + "), or a live worker would count as lost");
        }
    }
}

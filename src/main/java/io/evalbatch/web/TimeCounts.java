package io.evalbatch.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.evalbatch.tally.TimeCount;

/** What the run page draws from a run's time counts: outcomes per task, durations, reuse. */
record TimeCounts(List<TimeCount> counts) {

    /** Per task and outcome ("unscored" for samples without a result), in task order. */
    List<OutcomeCount> outcomes() {
        Map<String, Map<String, Long>> byTask = new TreeMap<>();
        counts.stream().filter(c -> !c.cpu()).forEach(c -> byTask.computeIfAbsent(c.task(), t -> new TreeMap<>())
                .merge(c.outcome(), c.samples(), Long::sum));
        List<OutcomeCount> result = new ArrayList<>();
        byTask.forEach((task, outcomes) -> outcomes.forEach((outcome, n) -> result.add(new OutcomeCount(task, outcome, n))));
        return result;
    }

    long reused() {
        return counts.stream().filter(TimeCount::wall).mapToLong(TimeCount::reused).sum();
    }

    /** {@code buckets} equal ranges from 0 to the longest time of either clock; empty without results. */
    List<DurationBucket> buckets(int buckets) {
        long longest = counts.stream().filter(c -> c.ms() != null).mapToLong(TimeCount::ms).max().orElse(-1);
        if (longest < 0) {
            return List.of();
        }
        long width = Math.max(1, (longest + buckets) / buckets);
        long[] wall = new long[buckets];
        long[] cpu = new long[buckets];
        for (TimeCount c : counts) {
            if (c.ms() != null) {
                (c.cpu() ? cpu : wall)[(int) Math.min(c.ms() / width, buckets - 1)] += c.samples();
            }
        }
        List<DurationBucket> result = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            result.add(new DurationBucket(i * width, (i + 1) * width, wall[i], cpu[i]));
        }
        return result;
    }
}

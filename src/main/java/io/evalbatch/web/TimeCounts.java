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
        Map<List<String>, Long> byTask = new TreeMap<>((a, b) -> a.get(0).equals(b.get(0))
                ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0)));
        counts.stream().filter(c -> !c.cpu())
                .forEach(c -> byTask.merge(List.of(c.task(), c.outcome()), c.samples(), Long::sum));
        return byTask.entrySet().stream()
                .map(e -> new OutcomeCount(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList();
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

package io.evalbatch.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the sample ids {@code 0 .. samples-1} of a run into contiguous ranges of nearly equal size.
 * The partition names depend only on the count, so a restart finds the partitions it left.
 */
final class SampleRangePartitioner implements Partitioner {

    static final String FIRST = "firstSampleId";
    static final String LAST = "lastSampleId";
    /** The run's chunk, which its reader pages by: partition threads have no job scope to ask. */
    static final String CHUNK = "chunk";

    private final LongSupplier sampleCount;
    private final int partitions;
    private final int chunk;

    /** The count is read when the step starts: ingest has only then finished. */
    SampleRangePartitioner(LongSupplier sampleCount, int partitions, int chunk) {
        this.sampleCount = sampleCount;
        this.partitions = partitions;
        this.chunk = chunk;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        long samples = sampleCount.getAsLong();
        int count = (int) Math.max(1, Math.min(partitions, samples));
        Map<String, ExecutionContext> ranges = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            ExecutionContext context = new ExecutionContext();
            context.putLong(FIRST, samples * i / count);
            context.putLong(LAST, samples * (i + 1) / count - 1);
            context.putInt(CHUNK, chunk);
            ranges.put("range%02d".formatted(i), context);
        }
        return ranges;
    }
}

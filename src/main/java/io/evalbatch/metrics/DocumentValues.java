package io.evalbatch.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's document values of several metrics, each in the order they were added (the
 * documents' ids), kept as primitive arrays grown in place, with the samples they cover.
 */
final class DocumentValues {

    private final Map<String, Column> columns = new LinkedHashMap<>();

    DocumentValues(List<String> metrics) {
        metrics.forEach(m -> columns.put(m, new Column()));
    }

    void add(String metric, double value, int samples) {
        Column column = columns.get(metric);
        if (column == null) {
            throw new IllegalArgumentException("unexpected metric " + metric);
        }
        if (column.count == column.values.length) {
            column.values = Arrays.copyOf(column.values, column.values.length * 2);
        }
        column.values[column.count++] = value;
        column.samples += samples;
    }

    /** The metric's values, one per document that has one. */
    double[] of(String metric) {
        Column column = columns.get(metric);
        return Arrays.copyOf(column.values, column.count);
    }

    /** The samples of the documents that have a value of the metric. */
    long samples(String metric) {
        return columns.get(metric).samples;
    }

    private static final class Column {
        private double[] values = new double[1024];
        private int count;
        private long samples;
    }
}

package io.evalbatch.metrics;

/**
 * The order metrics are listed in, as SQL: pass@k by k, then the other metrics by name, then
 * maj@k by k.
 */
final class MetricOrder {

    private MetricOrder() {
    }

    /** Order-by terms for the metric name held in {@code column}. */
    static String of(String column) {
        return """
                case when %1$s ~ '^pass@[0-9]+$' then 0 when %1$s ~ '^maj@[0-9]+$' then 2 else 1 end,
                case when %1$s ~ '^(pass|maj)@[0-9]+$' then substring(%1$s from '[0-9]+$')::int end,
                %1$s""".formatted(column);
    }
}

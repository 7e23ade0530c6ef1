package io.evalbatch.definition;

/**
 * One evaluation as declared in a job definition file: what to read, how to score each sample,
 * how to parallelise and which metrics to derive.
 *
 * @param name   job name, shown by {@code runs}
 * @param source where the definition came from (a file path), used in error messages
 */
public record JobDefinition(String name, String source, InputSpec input, FilterSpec filter,
                            ExecutionSpec execution, MetricsSpec metrics) {

    public JobDefinition withInput(InputSpec replacement) {
        return new JobDefinition(name, source, replacement, filter, execution, metrics);
    }

    public JobDefinition withExecution(ExecutionSpec replacement) {
        return new JobDefinition(name, source, input, filter, replacement, metrics);
    }

    public JobDefinition withMetrics(MetricsSpec replacement) {
        return new JobDefinition(name, source, input, filter, execution, replacement);
    }
}

package io.evalbatch.definition;

/**
 * One evaluation as declared in a job definition file: what to read, how to score each sample,
 * how to parallelise and which metrics to derive.
 *
 * @param name     job name, shown by {@code runs}
 * @param source   where the definition came from (a file path), used in error messages
 * @param schedule when {@code evalbatch schedule} evaluates new input files (a Quartz cron
 *                 expression); null for a job that is only run by hand
 */
public record JobDefinition(String name, String source, InputSpec input, FilterSpec filter,
                            ExecutionSpec execution, MetricsSpec metrics, String schedule) {

    public JobDefinition(String name, String source, InputSpec input, FilterSpec filter, ExecutionSpec execution,
                         MetricsSpec metrics) {
        this(name, source, input, filter, execution, metrics, null);
    }

    public JobDefinition withInput(InputSpec replacement) {
        return new JobDefinition(name, source, replacement, filter, execution, metrics, schedule);
    }

    public JobDefinition withExecution(ExecutionSpec replacement) {
        return new JobDefinition(name, source, input, filter, replacement, metrics, schedule);
    }

    public JobDefinition withMetrics(MetricsSpec replacement) {
        return new JobDefinition(name, source, input, filter, execution, replacement, schedule);
    }
}

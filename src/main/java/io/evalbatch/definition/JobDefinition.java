package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * One evaluation as declared in a job definition file: what to read, how to score each sample,
 * how to parallelise and which metrics to derive.
 *
 * @param name     job name, shown by {@code runs}
 * @param source   where the definition came from (a file path), used in error messages
 * @param schedule when {@code evalbatch schedule} evaluates new input files (a Quartz cron
 *                 expression); null for a job that is only run by hand
 * @param label    what the run scores, in the user's words (a model name, say): shown by
 *                 {@code runs}, accepted by {@code compare}, the model name of the lm-eval export;
 *                 null when not given
 * @param version  the version of the task as scored, for the lm-eval export; null to use the
 *                 filter's version
 * @param check    what is checked with known-good answers before the run is created
 * @param cost     the prices of the tokens the filter spends, and the most the run may spend
 */
public record JobDefinition(String name, String source, InputSpec input, FilterSpec filter,
                            ExecutionSpec execution, MetricsSpec metrics, @Nullable String schedule,
                            @Nullable String label, @Nullable String version, CheckSpec check, CostSpec cost) {

    public JobDefinition(String name, String source, InputSpec input, FilterSpec filter, ExecutionSpec execution,
                         MetricsSpec metrics, @Nullable String schedule, @Nullable String label,
                         @Nullable String version, CheckSpec check) {
        this(name, source, input, filter, execution, metrics, schedule, label, version, check, CostSpec.NONE);
    }

    public JobDefinition(String name, String source, InputSpec input, FilterSpec filter, ExecutionSpec execution,
                         MetricsSpec metrics) {
        this(name, source, input, filter, execution, metrics, null, null, null, CheckSpec.DEFAULT);
    }

    public JobDefinition withCheck(CheckSpec replacement) {
        return new JobDefinition(name, source, input, filter, execution, metrics, schedule, label, version, replacement, cost);
    }

    public JobDefinition withLabel(@Nullable String replacement) {
        return new JobDefinition(name, source, input, filter, execution, metrics, schedule, replacement, version, check, cost);
    }

    public JobDefinition withInput(InputSpec replacement) {
        return new JobDefinition(name, source, replacement, filter, execution, metrics, schedule, label, version, check, cost);
    }

    public JobDefinition withExecution(ExecutionSpec replacement) {
        return new JobDefinition(name, source, input, filter, replacement, metrics, schedule, label, version, check, cost);
    }

    public JobDefinition withMetrics(MetricsSpec replacement) {
        return new JobDefinition(name, source, input, filter, execution, replacement, schedule, label, version, check, cost);
    }

    public JobDefinition withCost(CostSpec replacement) {
        return new JobDefinition(name, source, input, filter, execution, metrics, schedule, label, version, check,
                replacement);
    }
}

package io.evalbatch.metrics;

import java.util.List;

/**
 * A metric of a group of tasks: a weighted mean of the tasks' means. Weighted by documents it is
 * the mean over all documents of the group (lm-eval's {@code weight_by_size}); weighted by tasks,
 * the plain mean of the task values. The tasks' documents are independent samples, so the
 * standard error is {@code sqrt(sum(w_t^2 * se_t^2))}, and the bootstrap replicate b of the group
 * is the same weighted mean of the tasks' replicates b (a bootstrap stratified by task).
 */
record GroupStatistic(double value, Double stderr, Double bootstrapStderr, long documents, long samples) {

    enum Weighting {
        DOCUMENTS("documents"), TASKS("tasks");

        final String key;

        Weighting(String key) {
            this.key = key;
        }
    }

    static GroupStatistic of(List<TaskStatistic> tasks, Weighting weighting) {
        long documents = tasks.stream().mapToLong(TaskStatistic::documents).sum();
        long samples = tasks.stream().mapToLong(TaskStatistic::samples).sum();
        double[] weights = new double[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            weights[t] = weighting == Weighting.DOCUMENTS
                    ? (double) tasks.get(t).documents() / documents : 1.0 / tasks.size();
        }
        double value = 0;
        double variance = 0;
        boolean closedForm = true;
        boolean bootstrapped = true;
        for (int t = 0; t < tasks.size(); t++) {
            TaskStatistic task = tasks.get(t);
            value += weights[t] * task.value();
            if (task.stderr() == null) {
                closedForm = false;
            } else {
                variance += weights[t] * weights[t] * task.stderr() * task.stderr();
            }
            bootstrapped &= task.replicates() != null;
        }
        Double bootstrap = null;
        if (bootstrapped) {
            double[] replicates = new double[tasks.get(0).replicates().length];
            for (int t = 0; t < tasks.size(); t++) {
                double[] r = tasks.get(t).replicates();
                for (int b = 0; b < replicates.length; b++) {
                    replicates[b] += weights[t] * r[b];
                }
            }
            bootstrap = Bootstrap.stderr(replicates);
        }
        return new GroupStatistic(value, closedForm ? Math.sqrt(variance) : null, bootstrap, documents, samples);
    }
}

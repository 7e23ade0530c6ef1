package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.evalbatch.definition.FieldMetric;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.step.RunDefinition;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replaces a run's task and group metrics. Per task, SQL takes the mean over documents of each
 * document metric and its standard error (sample standard deviation with ddof 1 over sqrt of the
 * document count, as lm-eval's {@code mean_stderr}); the bootstrap error and the groups are
 * computed here from the stored per-document values. pass@k and maj@k are reported only for tasks
 * whose every document has at least k samples; otherwise the row says so instead of holding a
 * biased value.
 */
final class SummaryTasklet implements Tasklet {

    private final JdbcClient jdbc;
    private final RunDefinition run;
    private final MetricCatalog catalog;

    /** @param run the job's run, a proxy of the job scope */
    SummaryTasklet(JdbcClient jdbc, RunDefinition run, MetricCatalog catalog) {
        this.jdbc = jdbc;
        this.run = run;
        this.catalog = catalog;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        summarize(run.runId(), run.definition().metrics());
        return RepeatStatus.FINISHED;
    }

    void summarize(String runId, MetricsSpec metrics) {
        jdbc.sql("delete from metric where run_id = ?").param(runId).update();
        Map<String, TaskShape> tasks = taskShapes(runId);
        List<TaskStatistic> statistics = new ArrayList<>();
        for (TaskShape task : tasks.values()) {
            Set<String> noted = note(runId, task, catalog.samplesNeeded(metrics));
            statistics.addAll(summarizeTask(runId, task, metrics, noted));
            metrics.fields().forEach(f -> missingField(runId, task, f));
        }
        metrics.groups().forEach((group, members) -> summarizeGroup(runId, group, members, metrics, statistics, tasks));
        noteErrors(runId);
    }

    /**
     * Each task row of a task with errors, or with unrated judgments, says how many, and that they
     * are left out: metrics are computed over the samples scored, never counting the scorer's
     * failure as a wrong answer, nor a verdict without a rating as any rating.
     */
    private void noteErrors(String runId) {
        jdbc.sql("""
                        update metric m
                           set errors = e.errors,
                               note = concat_ws('; ', m.note,
                                      case when e.errors > 0 then e.errors || case when e.errors = 1
                                           then ' sample is an error' else ' samples are errors' end
                                           || ' (the scorer failed), left out' end,
                                      case when e.unrated > 0 then e.unrated || case when e.unrated = 1
                                           then ' judgment has no rating' else ' judgments have no rating' end
                                           || ' (unrated), left out' end)
                          from (select task, count(*) filter (where outcome = 'error') as errors,
                                       count(*) filter (where outcome = 'unrated') as unrated
                                  from result
                                 where run_id = :run and outcome in ('error', 'unrated') group by task) e
                         where m.run_id = :run and m.scope = 'task' and m.name = e.task""")
                .param("run", runId).update();
    }

    /**
     * The task rows of every metric with document values, except those noted as not computable:
     * mean and closed-form error in the documents' order, and the bootstrap over the same values.
     */
    private List<TaskStatistic> summarizeTask(String runId, TaskShape task, MetricsSpec metrics, Set<String> noted) {
        List<String> names = catalog.names(metrics).stream().filter(m -> !noted.contains(m)).toList();
        DocumentValues values = documentValues(runId, task.name(), names);
        List<TaskStatistic> rows = new ArrayList<>();
        List<double[]> resampled = new ArrayList<>();
        for (String metric : names) {
            double[] documents = values.of(metric);
            if (documents.length > 0) {
                TaskMean mean = TaskMean.of(documents);
                rows.add(new TaskStatistic(task.name(), metric, mean.value(), mean.stderr(), documents.length,
                        values.samples(metric), null));
                resampled.add(documents);
            }
        }
        MetricsSpec.Bootstrap bootstrap = metrics.bootstrap();
        List<TaskStatistic> statistics = rows;
        if (bootstrap.iterations() > 0 && !rows.isEmpty()) {
            double[][] replicates = Bootstrap.replicates(resampled.toArray(double[][]::new), bootstrap.iterations(),
                    bootstrap.seed(), task.name());
            statistics = new ArrayList<>();
            for (int m = 0; m < rows.size(); m++) {
                statistics.add(rows.get(m).withReplicates(replicates[m]));
            }
        }
        for (TaskStatistic s : statistics) {
            jdbc.sql("""
                    insert into metric (run_id, scope, name, metric, weighting, value, stderr, bootstrap_stderr,
                                        n, samples)
                    values (?, 'task', ?, ?, 'documents', ?, ?, ?, ?, ?)""")
                    .params(runId, s.task(), s.metric(), s.value(), s.stderr(),
                            s.replicates() == null ? null : Bootstrap.stderr(s.replicates()), s.documents(), s.samples())
                    .update();
        }
        return statistics;
    }

    /**
     * Documents, the fewest samples of any document, and samples, per task: the samples scored, an
     * error (the scorer's failure, which a run allows only up to {@code execution.max-errors}) being
     * no answer to count.
     */
    private Map<String, TaskShape> taskShapes(String runId) {
        Map<String, TaskShape> tasks = new LinkedHashMap<>();
        jdbc.sql("""
                        select task, count(*) as documents, min(samples) as fewest, sum(samples) as samples
                          from (select task, doc_id, count(*) as samples
                                  from result where run_id = ? and outcome not in ('error', 'unrated')
                                 group by task, doc_id) d
                         group by task order by task""")
                .param(runId)
                .query(rs -> {
                    tasks.put(rs.getString("task"), new TaskShape(rs.getString("task"), rs.getLong("documents"),
                            rs.getInt("fewest"), rs.getLong("samples")));
                });
        return tasks;
    }

    /**
     * Task rows of metrics that need k samples per document, for tasks with too few.
     *
     * @return the metrics so noted
     */
    private Set<String> note(String runId, TaskShape task, Map<String, Integer> samplesNeeded) {
        Set<String> noted = new HashSet<>();
        samplesNeeded.forEach((metric, k) -> {
            if (task.fewest() < k) {
                noted.add(metric);
                jdbc.sql("""
                        insert into metric (run_id, scope, name, metric, weighting, value, stderr, n, samples, note)
                        values (?, 'task', ?, ?, 'documents', null, null, ?, ?, ?)""")
                        .params(runId, task.name(), metric, task.documents(), task.samples(),
                                "not computed: some documents have only %d samples, fewer than k = %d"
                                        .formatted(task.fewest(), k))
                        .update();
            }
        });
        return noted;
    }

    /**
     * A row saying why a mean or sum of a field has no value: no document of the task had a number
     * in it. (Compared fields always have a value: a missing text matches nothing.)
     */
    private void missingField(String runId, TaskShape task, FieldMetric metric) {
        jdbc.sql("""
                insert into metric (run_id, scope, name, metric, weighting, value, stderr, n, samples, note)
                values (?, 'task', ?, ?, 'documents', null, null, ?, ?, ?)
                on conflict do nothing""")
                .params(runId, task.name(), metric.name(), task.documents(), task.samples(),
                        "not computed: no result of this task has a number in field '" + metric.field() + "'")
                .update();
    }

    /**
     * Per metric, the values of the task's documents, ordered by id in the byte order of "C" and
     * not the database's collation: the same values in the same order whatever server holds them.
     */
    private DocumentValues documentValues(String runId, String task, List<String> metrics) {
        DocumentValues values = new DocumentValues(metrics);
        if (metrics.isEmpty()) {
            return values;
        }
        // Streamed (a fetch size, in the step's transaction) into primitive arrays grown in
        // place: the driver holding every row, then a million documents of three metrics boxed as
        // Doubles, did not fit a 256 MB heap at 10,000,000 samples; the values need 24 MB.
        jdbc.sql("""
                        select metric, value, samples from document_metric
                         where run_id = :run and task = :task and metric in (:metrics)
                         order by doc_id collate "C" """)
                .withFetchSize(10_000)
                .param("run", runId).param("task", task).param("metrics", metrics)
                .query(rs -> {
                    values.add(rs.getString(1), rs.getDouble(2), rs.getInt(3));
                });
        return values;
    }

    private void summarizeGroup(String runId, String group, List<String> members, MetricsSpec metrics,
                                List<TaskStatistic> statistics, Map<String, TaskShape> tasks) {
        for (String metric : catalog.names(metrics)) {
            List<TaskStatistic> parts = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String task : members) {
                statistics.stream().filter(s -> s.task().equals(task) && s.metric().equals(metric)).findFirst()
                        .ifPresentOrElse(parts::add, () -> missing.add(task));
            }
            for (GroupStatistic.Weighting weighting : GroupStatistic.Weighting.values()) {
                if (!missing.isEmpty()) {
                    long documents = members.stream().filter(tasks::containsKey).mapToLong(t -> tasks.get(t).documents()).sum();
                    jdbc.sql("""
                            insert into metric (run_id, scope, name, metric, weighting, value, n, note)
                            values (?, 'group', ?, ?, ?, null, ?, ?)""")
                            .params(runId, group, metric, weighting.key, documents,
                                    "not computed: no value for task(s) " + String.join(", ", missing.stream()
                                            .map(t -> tasks.containsKey(t) ? t : t + " (not in this run)").toList()))
                            .update();
                    continue;
                }
                GroupStatistic g = GroupStatistic.of(parts, weighting);
                jdbc.sql("""
                        insert into metric (run_id, scope, name, metric, weighting, value, stderr, bootstrap_stderr,
                                            n, samples)
                        values (?, 'group', ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(runId, group, metric, weighting.key, g.value(), g.stderr(), g.bootstrapStderr(),
                                g.documents(), g.samples())
                        .update();
            }
        }
    }

    private record TaskShape(String name, long documents, int fewest, long samples) {
    }
}

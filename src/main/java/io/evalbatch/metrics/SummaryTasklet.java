package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FieldMetric;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.run.RunStore;
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
    private final RunStore runs;

    SummaryTasklet(JdbcClient jdbc, RunStore runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String runId = (String) chunkContext.getStepContext().getJobParameters().get("run.id");
        summarize(runId, runs.definition(runId).metrics());
        return RepeatStatus.FINISHED;
    }

    void summarize(String runId, MetricsSpec metrics) {
        jdbc.sql("delete from metric where run_id = ?").param(runId).update();
        Map<String, TaskShape> tasks = taskShapes(runId);
        for (TaskShape task : tasks.values()) {
            note(runId, task, metrics.samplesNeeded());
        }
        // Floating-point sums depend on the order of their terms, and the order in which rows are
        // stored depends on threads and restarts: the documents are summed in a fixed order so that
        // the metrics of a run are the same to the last bit however it was executed.
        jdbc.sql("""
                insert into metric (run_id, scope, name, metric, weighting, value, stderr, n, samples)
                select run_id, 'task', task, metric, 'documents', avg(value order by doc_id collate "C"),
                       stddev_samp(value order by doc_id collate "C") / sqrt(count(*)), count(*), sum(samples)
                  from document_metric
                 where run_id = :runId and metric in (:names)
                 group by run_id, task, metric
                on conflict do nothing""")
                .param("runId", runId)
                .param("names", metrics.names())
                .update();
        for (TaskShape task : tasks.values()) {
            metrics.fields().forEach(f -> missingField(runId, task, f));
        }
        List<TaskStatistic> statistics = taskStatistics(runId, metrics.bootstrap());
        for (TaskStatistic s : statistics) {
            if (s.replicates() != null) {
                jdbc.sql("update metric set bootstrap_stderr = ? where run_id = ? and scope = 'task' and name = ? and metric = ?")
                        .params(Bootstrap.stderr(s.replicates()), runId, s.task(), s.metric())
                        .update();
            }
        }
        metrics.groups().forEach((group, members) -> summarizeGroup(runId, group, members, metrics, statistics, tasks));
    }

    /** Documents, the fewest samples of any document, and samples, per task. */
    private Map<String, TaskShape> taskShapes(String runId) {
        Map<String, TaskShape> tasks = new LinkedHashMap<>();
        jdbc.sql("""
                        select task, count(*) as documents, min(samples) as fewest, sum(samples) as samples
                          from (select task, doc_id, count(*) as samples
                                  from sample where run_id = ? group by task, doc_id) d
                         group by task order by task""")
                .param(runId)
                .query(rs -> {
                    tasks.put(rs.getString("task"), new TaskShape(rs.getString("task"), rs.getLong("documents"),
                            rs.getInt("fewest"), rs.getLong("samples")));
                });
        return tasks;
    }

    /** Task rows of metrics that need k samples per document, for tasks with too few. */
    private void note(String runId, TaskShape task, Map<String, Integer> samplesNeeded) {
        samplesNeeded.forEach((metric, k) -> {
            if (task.fewest() < k) {
                jdbc.sql("""
                        insert into metric (run_id, scope, name, metric, weighting, value, stderr, n, samples, note)
                        values (?, 'task', ?, ?, 'documents', null, null, ?, ?, ?)""")
                        .params(runId, task.name(), metric, task.documents(), task.samples(),
                                "not computed: some documents have only %d samples, fewer than k = %d"
                                        .formatted(task.fewest(), k))
                        .update();
            }
        });
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

    private List<TaskStatistic> taskStatistics(String runId, MetricsSpec.Bootstrap bootstrap) {
        Map<String, List<TaskStatistic>> byTask = new LinkedHashMap<>();
        jdbc.sql("""
                        select name, metric, value, stderr, n, samples from metric
                         where run_id = ? and scope = 'task' and value is not null order by name, metric""")
                .param(runId)
                .query(rs -> {
                    byTask.computeIfAbsent(rs.getString("name"), t -> new ArrayList<>()).add(new TaskStatistic(
                            rs.getString("name"), rs.getString("metric"), rs.getDouble("value"),
                            (Double) rs.getObject("stderr"), rs.getLong("n"), rs.getLong("samples"), null));
                });
        if (bootstrap.iterations() == 0) {
            return byTask.values().stream().flatMap(List::stream).toList();
        }
        List<TaskStatistic> statistics = new ArrayList<>();
        byTask.forEach((task, rows) -> {
            List<String> metrics = rows.stream().map(TaskStatistic::metric).toList();
            double[][] replicates = Bootstrap.replicates(documentValues(runId, task, metrics), bootstrap.iterations(),
                    bootstrap.seed(), task);
            for (int m = 0; m < rows.size(); m++) {
                statistics.add(rows.get(m).withReplicates(replicates[m]));
            }
        });
        return statistics;
    }

    /**
     * Per metric, the values of the task's documents, ordered by id in the byte order of "C" and
     * not the database's collation: the same values in the same order whatever server holds them.
     */
    private double[][] documentValues(String runId, String task, List<String> metrics) {
        // Streamed (a fetch size, in the step's transaction) into primitive arrays grown in
        // place: the driver holding every row, then a million documents of three metrics boxed as
        // Doubles, did not fit a 256 MB heap at 10,000,000 samples; the values need 24 MB.
        Map<String, Integer> index = new LinkedHashMap<>();
        metrics.forEach(m -> index.put(m, index.size()));
        double[][] values = new double[metrics.size()][1024];
        int[] counts = new int[metrics.size()];
        jdbc.sql("""
                        select metric, value from document_metric
                         where run_id = :run and task = :task and metric in (:metrics)
                         order by doc_id collate "C" """)
                .withFetchSize(10_000)
                .param("run", runId).param("task", task).param("metrics", metrics)
                .query(rs -> {
                    int m = index.get(rs.getString(1));
                    if (counts[m] == values[m].length) {
                        values[m] = java.util.Arrays.copyOf(values[m], values[m].length * 2);
                    }
                    values[m][counts[m]++] = rs.getDouble(2);
                });
        double[][] result = new double[metrics.size()][];
        for (int m = 0; m < result.length; m++) {
            result[m] = java.util.Arrays.copyOf(values[m], counts[m]);
        }
        return result;
    }

    private void summarizeGroup(String runId, String group, List<String> members, MetricsSpec metrics,
                                List<TaskStatistic> statistics, Map<String, TaskShape> tasks) {
        for (String metric : metrics.names()) {
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

package io.evalbatch.metrics;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.run.RunStore;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Replaces a run's task metrics with the mean over documents of each document metric, and its
 * standard error (sample standard deviation with ddof 1, over sqrt of the document count, as
 * lm-eval's {@code mean_stderr}). pass@k is reported only for tasks whose every document has at
 * least k samples; otherwise the row says so instead of holding a biased value.
 */
final class TaskMetricsTasklet implements Tasklet {

    private final JdbcClient jdbc;
    private final RunStore runs;

    TaskMetricsTasklet(JdbcClient jdbc, RunStore runs) {
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
        jdbc.sql("delete from metric where run_id = ? and scope = 'task'").param(runId).update();
        List<TaskShape> tasks = jdbc.sql("""
                        select task, count(*) as documents, min(samples) as fewest
                          from (select task, doc_id, count(*) as samples
                                  from sample where run_id = ? group by task, doc_id) d
                         group by task order by task""")
                .param(runId)
                .query((rs, i) -> new TaskShape(rs.getString("task"), rs.getLong("documents"), rs.getInt("fewest")))
                .list();
        List<String> names = new ArrayList<>();
        metrics.passAtK().forEach(k -> names.add(PassAtK.name(k)));
        if (metrics.mean()) {
            names.add(DocumentMetricsProcessor.MEAN);
        }
        for (TaskShape task : tasks) {
            for (int k : metrics.passAtK()) {
                if (task.fewest() < k) {
                    jdbc.sql("""
                            insert into metric (run_id, scope, name, metric, value, stderr, n, note)
                            values (?, 'task', ?, ?, null, null, ?, ?)""")
                            .params(runId, task.name(), PassAtK.name(k), task.documents(),
                                    "not computed: some documents have only %d samples, fewer than k = %d"
                                            .formatted(task.fewest(), k))
                            .update();
                }
            }
        }
        jdbc.sql("""
                insert into metric (run_id, scope, name, metric, value, stderr, n)
                select run_id, 'task', task, metric, avg(value), stddev_samp(value) / sqrt(count(*)), count(*)
                  from document_metric
                 where run_id = :runId and metric in (:names)
                 group by run_id, task, metric
                on conflict (run_id, scope, name, metric) do nothing""")
                .param("runId", runId)
                .param("names", names)
                .update();
    }

    private record TaskShape(String name, long documents, int fewest) {
    }
}

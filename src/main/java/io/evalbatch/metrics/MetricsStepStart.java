package io.evalbatch.metrics;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Readies the database before the metrics step reads a run's results. */
final class MetricsStepStart implements StepExecutionListener {

    private final JdbcClient jdbc;

    MetricsStepStart(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        // Right after a run has filled result, autovacuum has not caught up, and without
        // statistics PostgreSQL misjudges the number of documents and groups them by sorting
        // on disk. ANALYZE samples a fixed number of rows, so this is cheap at any size.
        jdbc.sql("analyze result").update();
        // A restarted step keeps the documents it committed and reads on after them; a new one
        // derives every value again, so that metrics dropped from the job definition do not linger.
        if (!stepExecution.getExecutionContext().containsKey(DocumentOutcomesReader.READ_COUNT)) {
            jdbc.sql("delete from document_metric where run_id = ?")
                    .param(stepExecution.getJobParameters().getString("run.id"))
                    .update();
        }
    }
}

package io.evalbatch.metrics;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Updates the planner statistics of {@code sample} and {@code result} before the outcome counts
 * are read. Right after a run has filled them, autovacuum has not caught up yet, and PostgreSQL
 * would join them by nested loops: seconds for thousands of rows instead of milliseconds.
 * ANALYZE samples a fixed number of rows, so this stays cheap for any table size.
 */
final class FreshStatistics implements StepExecutionListener {

    private final JdbcClient jdbc;

    FreshStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        jdbc.sql("analyze sample, result").update();
    }
}

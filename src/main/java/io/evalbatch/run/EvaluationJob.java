package io.evalbatch.run;

import org.springframework.batch.core.job.Job;

/** The job of one run and what must be released once it ends (threads, filter processes). */
record EvaluationJob(Job job, AutoCloseable resources) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        resources.close();
    }
}

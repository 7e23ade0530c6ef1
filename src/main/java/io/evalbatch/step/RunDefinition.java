package io.evalbatch.step;

import io.evalbatch.definition.JobDefinition;

/**
 * The run a job executes and the definition it was created with, read and parsed once per job
 * execution ({@link RunDefinitionConfiguration}) and handed to every step that needs it. A
 * restart reads it again: {@code restart --job} may have replaced it in between.
 *
 * <p>A class and not a record: the job scope hands steps a proxy, and a record cannot be proxied.
 */
public class RunDefinition {

    private final String runId;
    private final JobDefinition definition;

    public RunDefinition(String runId, JobDefinition definition) {
        this.runId = runId;
        this.definition = definition;
    }

    public String runId() {
        return runId;
    }

    public JobDefinition definition() {
        return definition;
    }
}

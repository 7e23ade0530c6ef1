package io.evalbatch.simulate;

import org.springframework.batch.core.step.Step;

/** The simulate step of one run and what must be released once the run ends. */
public record SimulateStep(Step step, AutoCloseable resources) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        resources.close();
    }
}

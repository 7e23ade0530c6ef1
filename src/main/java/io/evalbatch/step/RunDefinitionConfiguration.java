package io.evalbatch.step;

import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link RunDefinition} of each job execution. Steps that run in the job's own thread
 * (all but the partitions of simulate, whose threads have no job scope) take it instead of reading
 * the definition from the database themselves.
 */
@Configuration(proxyBeanMethods = false)
public class RunDefinitionConfiguration {

    @Bean
    @JobScope
    RunDefinition runDefinition(@Value("#{jobParameters['run.id']}") String runId, RunStore runs) {
        return new RunDefinition(runId, runs.definition(runId));
    }
}

package io.evalbatch.cost;

import java.util.List;
import java.util.Optional;

import io.evalbatch.definition.CostSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.FilterCatalog;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What a run has spent so far, read from its stored results' token fields. */
@Component
public class RunSpend {

    private static final String USAGE = """
            select %s, count(*) as judgments,
                   coalesce(sum((fields->>'prompt_tokens')::bigint), 0) as prompt_tokens,
                   coalesce(sum((fields->>'completion_tokens')::bigint), 0) as completion_tokens
              from result
             where run_id = ? and reused_from is null and fields->>'prompt_tokens' is not null
            """;

    private final JdbcClient jdbc;
    private final FilterCatalog filters;

    RunSpend(JdbcClient jdbc, FilterCatalog filters) {
        this.jdbc = jdbc;
        this.filters = filters;
    }

    /** Per task, in task order; empty when the run's results spent no tokens. */
    public List<TokenUsage> byTask(String runId, JobDefinition definition) {
        Optional<CostSpec.Price> price = price(definition);
        return jdbc.sql(USAGE.formatted("task") + " group by task order by task").param(runId)
                .query((rs, n) -> usage(rs.getString("task"), rs.getLong("judgments"), rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"), price))
                .list();
    }

    /** Over the whole run. */
    public TokenUsage total(String runId, JobDefinition definition) {
        Optional<CostSpec.Price> price = price(definition);
        return jdbc.sql(USAGE.formatted("null as task")).param(runId)
                .query((rs, n) -> usage(null, rs.getLong("judgments"), rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens"), price))
                .single();
    }

    /** The price of the tokens of the model the run's filter asks, when the job gives one. */
    public Optional<CostSpec.Price> price(JobDefinition definition) {
        return filters.billedModel(definition.filter()).flatMap(model -> definition.cost().price(model));
    }

    private static TokenUsage usage(@Nullable String task, long judgments, long prompt, long completion,
                                    Optional<CostSpec.Price> price) {
        return new TokenUsage(task, judgments, prompt, completion,
                price.map(p -> p.of(prompt, completion)).orElse(null));
    }
}

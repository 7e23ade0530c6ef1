package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * jobs/mt-bench.yaml against a server that replays FastChat's recorded judgments: each of the 320
 * recorded prompts is sent exactly once, every recorded score is read, and the means are what
 * FastChat's show_result printed. The key reaches the server and nothing else.
 */
@DatabaseTest
class MtBenchJobTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String KEY = "sk-evalbatch-test-7f3a9c1e5b";

    @Autowired
    JdbcClient jdbc;

    @Test
    void bothModelsAreJudgedAsFastChatJudgedThem() throws Exception {
        try (RecordedJudge judge = RecordedJudge.start()) {
            Map<String, Object> endpoint = Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", KEY);
            Cli.Result normal = Cli.runWith(endpoint, "run", "jobs/mt-bench.yaml", "--format", "json");
            assertThat(normal.exitCode()).as(normal.err()).isZero();
            Cli.Result griffin = Cli.runWith(endpoint, "run", "jobs/mt-bench.yaml", "--input",
                    "jobs/examples/mt-bench/model_answer/Meta-Llama-3-8B-Instruct-Griffin.jsonl", "--format", "json");
            assertThat(griffin.exitCode()).as(griffin.err()).isZero();

            assertThat(judge.refused()).as("requests that are not a recorded judgment").isZero();
            assertThat(judge.askedCounts()).as("each recorded prompt once").hasSize(320).containsOnly(1);
            assertThat(judge.keys()).containsExactly(KEY);

            // FastChat's show_result.py: turn 1, turn 2, all
            assertMeans(normal, 8.275, 7.2625, 7.76875);
            assertMeans(griffin, 3.1375, 2.2625, 2.7);

            List<String> leaks = jdbc.sql("""
                            select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                             where c.relkind = 'r' and n.nspname = 'public'""").query(String.class).list().stream()
                    .filter(table -> jdbc.sql("select count(*) from \"" + table + "\" t where t::text like ?")
                            .param("%" + KEY + "%").query(Long.class).single() > 0)
                    .toList();
            assertThat(leaks).as("tables holding the key").isEmpty();
            assertThat(normal.out() + normal.err() + griffin.out() + griffin.err()).doesNotContain(KEY);
        }
    }

    private static void assertMeans(Cli.Result run, double turn1, double turn2, double all) {
        Map<String, Double> scores = new HashMap<>();
        for (JsonNode row : JSON.readTree(run.out()).get("metrics")) {
            if (row.get("metric").stringValue().equals("score") && (!row.has("weighting")
                    || row.get("weighting").stringValue().equals("documents"))) {
                scores.put(row.has("task") ? row.get("task").stringValue() : row.get("group").stringValue(),
                        row.get("value").asDouble());
            }
        }
        assertThat(scores.get("mt-bench-turn-1")).isCloseTo(turn1, within(1e-12));
        assertThat(scores.get("mt-bench-turn-2")).isCloseTo(turn2, within(1e-12));
        assertThat(scores.get("mt-bench")).isCloseTo(all, within(1e-12));
    }
}

package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void bothModelsAreJudgedAsFastChatJudgedThem(@TempDir Path dir) throws Exception {
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
            // Nor any export or page of the run.
            String runId = JSON.readTree(normal.out()).get("run").stringValue();
            Path inspect = dir.resolve("run.eval.json");
            Path report = dir.resolve("report.html");
            List<Cli.Result> outputs = List.of(Cli.run("results", runId, "--format", "inspect", "--output",
                            inspect.toString()), Cli.run("results", runId, "--format", "lm-eval"),
                    Cli.run("results", runId, "--samples", "--format", "json"), Cli.run("show", runId, "mt-bench-turn-1",
                            "81"), Cli.run("report", runId, "-o", report.toString()));
            for (Cli.Result output : outputs) {
                assertThat(output.exitCode()).as(output.err()).isZero();
                assertThat(output.out() + output.err()).doesNotContain(KEY);
            }
            assertThat(Files.readString(inspect)).contains("mt-bench-turn-1").doesNotContain(KEY);
            assertThat(Files.readString(report)).contains(runId).doesNotContain(KEY);
        }
    }

    /**
     * Three questions of one model (six judgments), judged by an endpoint that is down: every
     * judgment is an error, never a score, and the run ends FAILED saying so; once it is back,
     * restart asks for those six only, each once. A second run of the same job asks for nothing
     * (the result cache); a reply without a rating is unrated, left out of the mean and counted.
     */
    @Test
    void aJudgeThatIsDownScoresNothingRestartAsksOnceAndARerunNothing(@TempDir Path dir) throws Exception {
        Path answers = ReferenceData.EXAMPLES.resolve("mt-bench/model_answer/Meta-Llama-3-8B-Instruct-Normal.jsonl");
        List<String> lines = Files.readAllLines(answers).stream()
                .filter(l -> l.startsWith("{\"question_id\": 81,") || l.startsWith("{\"question_id\": 101,")
                        || l.startsWith("{\"question_id\": 111,")).toList();
        assertThat(lines).hasSize(3);
        Path file = Files.write(dir.resolve("three.jsonl"), lines);
        Path mtBench = ReferenceData.EXAMPLES.resolve("mt-bench");
        Path job = SamplesFiles.job(dir, """
                name: mt-bench-three
                input: {format: mt-bench, files: ["%s"], problems: "%s", references: "%s"}
                filter: {name: judge, preset: mt-bench, max-retries: 0}
                execution: {partitions: 1, threads: 2}
                metrics: {pass-at-k: [], mean: false, score: true}
                """.formatted(file, mtBench.resolve("question.jsonl"), mtBench.resolve("reference_answer/gpt-4.jsonl")));
        try (RecordedJudge judge = RecordedJudge.start()) {
            Map<String, Object> endpoint = Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", KEY);
            judge.failWith(503);
            String id = "judge-down-" + System.nanoTime() % 1_000_000;
            Cli.Result down = Cli.runWith(endpoint, "run", job.toString(), "--id", id, "--format", "json");
            assertThat(down.exitCode()).as(down.err()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
            JsonNode report = JSON.readTree(down.out());
            assertThat(report.get("metrics")).as("no score from a judge that never answered").isEmpty();
            assertThat(report.get("errors").get(0).stringValue()).startsWith("6 samples could not be scored")
                    .contains("6 × the judge endpoint answered 503");
            assertThat(jdbc.sql("select distinct outcome from result where run_id = ?").param(id).query(String.class)
                    .list()).containsExactly("error");

            judge.failWith(0);
            Cli.Result restarted = Cli.runWith(endpoint, "restart", id, "--format", "json");
            assertThat(restarted.exitCode()).as(restarted.err()).isZero();
            assertThat(judge.askedCounts()).hasSize(6).containsOnly(1);

            Cli.Result again = Cli.runWith(endpoint, "run", job.toString(), "--format", "json");
            assertThat(again.exitCode()).as(again.err()).isZero();
            assertThat(judge.askedCounts()).as("a rerun asks nothing again").hasSize(6).containsOnly(1);

            // Question 81's first judgment, given without its rating, is left out of turn 1's mean.
            JsonNode q81 = ReferenceData.jsonLines(RecordedJudge.JUDGMENTS).stream()
                    .filter(r -> r.get("question_id").asInt() == 81 && r.get("turn").asInt() == 1
                            && r.get("model").stringValue().endsWith("Normal")).findFirst().orElseThrow();
            // A key the endpoint refuses: the run is refused before it exists, naming the variable.
            judge.onlyKey(KEY);
            long runs = jdbc.sql("select count(*) from eval_run").query(Long.class).single();
            Cli.Result refused = Cli.runWith(Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", "sk-wrong"),
                    "run", job.toString(), "--no-cache");
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(refused.err()).contains("filter.api-key-env: the judge endpoint " + judge.baseUrl()
                    + " refused the key in OPENAI_API_KEY (401)").doesNotContain("sk-wrong");
            assertThat(jdbc.sql("select count(*) from eval_run").query(Long.class).single()).isEqualTo(runs);

            judge.replace(q81.get("judgment").stringValue(), "I cannot rate this answer.");
            Cli.Result unrated = Cli.runWith(endpoint, "run", job.toString(), "--no-cache", "--format", "json");
            assertThat(unrated.exitCode()).as(unrated.err()).isZero();
            JsonNode turn1 = null;
            for (JsonNode row : JSON.readTree(unrated.out()).get("metrics")) {
                if ("mt-bench-turn-1".equals(row.path("task").asString())) {
                    turn1 = row;
                }
            }
            assertThat(turn1).isNotNull();
            double others = ReferenceData.jsonLines(RecordedJudge.JUDGMENTS).stream()
                    .filter(r -> r.get("turn").asInt() == 1 && r.get("model").stringValue().endsWith("Normal")
                            && (r.get("question_id").asInt() == 101 || r.get("question_id").asInt() == 111))
                    .mapToDouble(r -> r.get("score").asDouble()).average().orElseThrow();
            assertThat(turn1.get("value").asDouble()).isCloseTo(others, within(1e-12));
            assertThat(turn1.get("n").asLong()).isEqualTo(2);
            assertThat(turn1.get("note").stringValue()).contains("1 judgment has no rating (unrated), left out");
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

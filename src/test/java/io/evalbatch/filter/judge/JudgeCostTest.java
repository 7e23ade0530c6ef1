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
 * The tokens of every judgment, summed per task and priced from the job; a cap on spend that stops
 * the run before the chunk that would pass it, and a restart with a higher cap that finishes it
 * without asking any judgment twice.
 */
@DatabaseTest
class JudgeCostTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path MT_BENCH = ReferenceData.EXAMPLES.resolve("mt-bench");
    private static final int QUESTIONS = 10;
    /** Per million tokens, as the job below prices gpt-4. */
    private static final double PROMPT_PRICE = 30;
    private static final double COMPLETION_PRICE = 60;

    @Autowired
    JdbcClient jdbc;

    @Test
    void tokensAreSummedPerTaskAndACapStopsTheRunBeforeItIsPassed(@TempDir Path dir) throws Exception {
        Path job = job(dir);
        // The test server counts a quarter of the characters of the messages and of the reply as tokens.
        Map<String, long[]> expected = expectedTokens();
        double fullCost = 0;
        for (long[] tokens : expected.values()) {
            fullCost += (tokens[1] * PROMPT_PRICE + tokens[2] * COMPLETION_PRICE) / 1e6;
        }
        try (RecordedJudge judge = RecordedJudge.start()) {
            Map<String, Object> endpoint = Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", "sk-cost");
            Cli.Result full = Cli.runWith(endpoint, "run", job.toString(), "--format", "json");
            assertThat(full.exitCode()).as(full.err()).isZero();
            JsonNode usage = JSON.readTree(full.out()).get("usage");
            assertThat(usage).hasSize(2);
            for (JsonNode task : usage) {
                long[] tokens = expected.get(task.get("task").stringValue());
                assertThat(task.get("judgments").asLong()).isEqualTo(tokens[0]);
                assertThat(task.get("prompt_tokens").asLong()).isEqualTo(tokens[1]);
                assertThat(task.get("completion_tokens").asLong()).isEqualTo(tokens[2]);
                assertThat(task.get("cost").asDouble())
                        .isCloseTo((tokens[1] * PROMPT_PRICE + tokens[2] * COMPLETION_PRICE) / 1e6, within(1e-9));
            }

            // A cap of 60 % of the whole: the run stops between chunks, under the cap.
            double cap = fullCost * 0.6;
            String id = "judge-capped-" + System.nanoTime() % 1_000_000;
            Cli.Result capped = Cli.runWith(endpoint, "run", job.toString(), "--no-cache", "--id", id,
                    "--max-cost", Double.toString(cap), "--format", "json");
            assertThat(capped.exitCode()).as(capped.err()).isEqualTo(ExitCodes.RUN_NOT_COMPLETED);
            JsonNode stopped = JSON.readTree(capped.out());
            assertThat(stopped.get("status").stringValue()).isEqualTo("STOPPED");
            assertThat(stopped.get("errors").get(0).stringValue()).contains("stopped before spending more than the cap");
            double spent = 0;
            for (JsonNode task : stopped.get("usage")) {
                spent += task.get("cost").asDouble();
            }
            assertThat(spent).isLessThanOrEqualTo(cap).isGreaterThan(0);
            long scored = jdbc.sql("select count(*) from result where run_id = ?").param(id).query(Long.class).single();
            assertThat(scored).isLessThan(2L * QUESTIONS).isPositive();
            assertThat(scored % 10).as("whole chunks of ten").isZero();

            Cli.Result finished = Cli.runWith(endpoint, "restart", id, "--max-cost", Double.toString(fullCost * 2),
                    "--format", "json");
            assertThat(finished.exitCode()).as(finished.err()).isZero();
            assertThat(finished.err()).contains("cost cap now");
            double total = 0;
            for (JsonNode task : JSON.readTree(finished.out()).get("usage")) {
                total += task.get("cost").asDouble();
            }
            assertThat(total).isCloseTo(fullCost, within(1e-9));
            assertThat(judge.askedCounts()).as("the first run once, the capped run and its restart once")
                    .hasSize(2 * QUESTIONS).containsOnly(2);

            // Another budget, other retries and timeout say how judgments are had, not what they are:
            // a run with them asks nothing, and has paid for nothing.
            Path paced = Files.writeString(dir.resolve("paced.yaml"), Files.readString(job).replace(
                    "filter: {name: judge, preset: mt-bench}",
                    "filter: {name: judge, preset: mt-bench, requests-per-minute: 6000, max-retries: 2, timeout: 30}"));
            Cli.Result reused = Cli.runWith(endpoint, "run", paced.toString(), "--format", "json");
            assertThat(reused.exitCode()).as(reused.err()).isZero();
            assertThat(judge.askedCounts()).hasSize(2 * QUESTIONS).containsOnly(2);
            assertThat(JSON.readTree(reused.out()).has("usage")).as("tokens paid for by this run").isFalse();
        }
    }

    @Test
    void aCapNeedsAPriceForTheJudgesModel(@TempDir Path dir) throws Exception {
        Path job = job(dir);
        Path other = Files.writeString(dir.resolve("other.yaml"), Files.readString(job).replace("gpt-4:", "gpt-4o:"));
        Cli.Result refused = Cli.runWith(Map.of("OPENAI_API_KEY", "sk-cost"), "run", other.toString());
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(refused.err()).contains("cost.prices: no price for 'gpt-4', the model the filter asks (prices are "
                + "given for gpt-4o)");

        Path unpriced = Files.writeString(dir.resolve("unpriced.yaml"), Files.readString(job)
                .replaceAll("(?s)cost:.*", ""));
        Cli.Result capped = Cli.runWith(Map.of("OPENAI_API_KEY", "sk-cost"), "run", unpriced.toString(),
                "--max-cost", "5");
        assertThat(capped.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(capped.err()).contains("cost.prices: a cap on spend (cost.max, --max-cost) needs the price of "
                + "the tokens of 'gpt-4', the model the filter asks");
    }

    /** Per task: judgments, prompt tokens, completion tokens, from the recorded judgments. */
    private static Map<String, long[]> expectedTokens() throws Exception {
        Map<String, JudgePrompt> prompts = JudgePrompts.mtBench(JSON);
        Map<String, long[]> tokens = new HashMap<>();
        for (JsonNode row : ReferenceData.jsonLines(RecordedJudge.JUDGMENTS)) {
            if (!row.get("model").stringValue().endsWith("Normal") || row.get("question_id").asInt() > 80 + QUESTIONS) {
                continue;
            }
            String system = prompts.get(row.get("judge").get(1).stringValue()).systemPrompt();
            long[] task = tokens.computeIfAbsent("mt-bench-turn-" + row.get("turn").asInt(), t -> new long[3]);
            task[0]++;
            task[1] += (system.length() + 1 + row.get("user_prompt").stringValue().length()) / 4;
            task[2] += row.get("judgment").stringValue().length() / 4;
        }
        return tokens;
    }

    private static Path job(Path dir) throws Exception {
        List<String> lines = Files.readAllLines(MT_BENCH.resolve("model_answer/Meta-Llama-3-8B-Instruct-Normal.jsonl"))
                .subList(0, QUESTIONS);
        Path file = Files.write(dir.resolve("answers.jsonl"), lines);
        return SamplesFiles.job(dir, """
                name: mt-bench-cost
                input: {format: mt-bench, files: ["%s"], problems: "%s", references: "%s"}
                filter: {name: judge, preset: mt-bench}
                execution: {partitions: 1, threads: 4}
                metrics: {pass-at-k: [], mean: false, score: true}
                cost:
                  prices:
                    gpt-4: {prompt: %s, completion: %s}
                """.formatted(file, MT_BENCH.resolve("question.jsonl"), MT_BENCH.resolve("reference_answer/gpt-4.jsonl"),
                PROMPT_PRICE, COMPLETION_PRICE));
    }
}

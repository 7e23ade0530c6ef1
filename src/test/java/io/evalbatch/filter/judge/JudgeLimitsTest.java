package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The judge against an endpoint that fails, limits and pauses as real ones do: every judgment is
 * still had, each answered exactly once, and the results are those of an undisturbed run; a budget
 * per minute is kept over all threads; a limit the endpoint advertises is followed; a 429's
 * Retry-After holds every thread.
 */
@DatabaseTest
class JudgeLimitsTest {

    private static final String KEY = "sk-evalbatch-limits-test";
    private static final Path MT_BENCH = ReferenceData.EXAMPLES.resolve("mt-bench");

    @Autowired
    JdbcClient jdbc;

    @Test
    void faultsThatPassAreRetriedAndTheResultsAreTheUndisturbedOnes(@TempDir Path dir) throws Exception {
        Path job = job(dir, 20, "timeout: 0.3, retry-backoff: 0.05", 8);
        try (RecordedJudge judge = RecordedJudge.start()) {
            String calm = run(judge, job, "calm");
            assertThat(judge.askedCounts()).hasSize(40).containsOnly(1);

            judge.faultFirstTries(List.of(RecordedJudge.Fault.RATE_LIMITED, RecordedJudge.Fault.SERVER_ERROR,
                    RecordedJudge.Fault.SLOW, RecordedJudge.Fault.DROPPED));
            String stormy = run(judge, job, "stormy", "--no-cache");
            assertThat(judge.refused()).isZero();
            assertThat(judge.askedCounts()).as("each judgment answered once more, after one failed try")
                    .hasSize(40).containsOnly(2);
            assertThat(results(stormy)).hasSize(40).isEqualTo(results(calm));
            assertThat(jdbc.sql("select count(*) from result where run_id = ? and outcome = 'passed'").param(stormy)
                    .query(Long.class).single()).isEqualTo(40);
        }
    }

    /**
     * 15 requests a second as the job's budget (900 a minute), against an endpoint that takes 20:
     * no 3-second window of the run sees more than the budget allows (two requests of slack for a
     * window's edges and the threads' scheduling), and the endpoint never has to refuse one.
     */
    @Test
    void aBudgetPerMinuteIsKeptOverAllThreads(@TempDir Path dir) throws Exception {
        Path job = job(dir, 40, "requests-per-minute: 900", 8);
        try (RecordedJudge judge = RecordedJudge.start()) {
            judge.limit(20, false);
            run(judge, job, "budget");
            assertThat(judge.askedCounts()).hasSize(80).containsOnly(1);
            assertThat(judge.limited()).as("requests the endpoint refused for its limit").isZero();
            assertThat(judge.mostWithin(Duration.ofSeconds(3))).isLessThanOrEqualTo(3 * 15 + 2);
            assertThat(judge.arrivals()).hasSize(80);
        }
    }

    /**
     * No budget in the job, an endpoint that takes 20 requests a second and says so (1200 a minute)
     * in its headers: once the first answers have told the limit, no request is refused for it.
     */
    @Test
    void theLimitTheEndpointAdvertisesIsFollowed(@TempDir Path dir) throws Exception {
        Path job = job(dir, 30, "retry-backoff: 0.05", 8);
        try (RecordedJudge judge = RecordedJudge.start()) {
            judge.limit(20, true);
            run(judge, job, "advertised");
            assertThat(judge.askedCounts()).hasSize(60).containsOnly(1);
            List<Long> arrivals = judge.arrivals();
            long learned = arrivals.get(0) + Duration.ofSeconds(2).toNanos();
            assertThat(judge.limited()).as("429s while the limit was unknown, at most the first burst")
                    .isLessThanOrEqualTo(8);
            assertThat(arrivals.stream().filter(t -> t > learned).count()).as("requests after the limit was known")
                    .isGreaterThan(10);
            assertThat(judge.mostWithin(Duration.ofSeconds(1))).as("after the first second")
                    .isLessThanOrEqualTo(2 * 20);
        }
    }

    /** One 429 with Retry-After 1 holds every thread of the process for that second, not only the one told. */
    @Test
    void aRetryAfterHoldsEveryThread(@TempDir Path dir) throws Exception {
        Path job = job(dir, 20, "", 8);
        try (RecordedJudge judge = RecordedJudge.start()) {
            judge.pauseAt(12, 1.0);
            run(judge, job, "paused");
            assertThat(judge.askedCounts()).hasSize(40).containsOnly(1);
            long pausedAt = judge.pausedAt();
            // Requests already on their way when the 429 left may arrive just after it.
            long held = judge.arrivals().stream().filter(t -> t > pausedAt + Duration.ofMillis(150).toNanos()
                    && t < pausedAt + Duration.ofMillis(900).toNanos()).count();
            assertThat(held).as("requests during the pause").isZero();
            assertThat(judge.arrivals().stream().filter(t -> t >= pausedAt + Duration.ofMillis(900).toNanos()))
                    .as("requests after it").isNotEmpty();
        }
    }

    /** The first {@code questions} questions of one model (two judgments each), judged with {@code options}. */
    private static Path job(Path dir, int questions, String options, int threads) throws Exception {
        List<String> lines = Files.readAllLines(MT_BENCH.resolve("model_answer/Meta-Llama-3-8B-Instruct-Normal.jsonl"))
                .subList(0, questions);
        Path file = Files.write(dir.resolve("answers.jsonl"), lines);
        return SamplesFiles.job(dir, """
                name: mt-bench-limits
                input: {format: mt-bench, files: ["%s"], problems: "%s", references: "%s"}
                filter: {name: judge, preset: mt-bench%s}
                execution: {partitions: 2, threads: %d}
                metrics: {pass-at-k: [], mean: false, score: true}
                """.formatted(file, MT_BENCH.resolve("question.jsonl"), MT_BENCH.resolve("reference_answer/gpt-4.jsonl"),
                options.isEmpty() ? "" : ", " + options, threads));
    }

    private static String run(RecordedJudge judge, Path job, String name, String... more) {
        String id = "judge-" + name + "-" + System.nanoTime() % 1_000_000;
        List<String> args = new java.util.ArrayList<>(List.of("run", job.toString(), "--id", id));
        args.addAll(List.of(more));
        Cli.Result run = Cli.runWith(Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", KEY),
                args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return id;
    }

    /** Each sample's outcome, score, reply and fields, in sample order. */
    private List<String> results(String runId) {
        return jdbc.sql("""
                        select sample_id || ' ' || outcome || ' ' || score || ' ' || coalesce(detail, '') || ' '
                               || coalesce(fields::text, '')
                          from result where run_id = ? order by sample_id""")
                .param(runId).query(String.class).list();
    }
}

package io.evalbatch.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.UUID;

import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The leaderboard of four models on two tasks, every figure computed by hand from the answers:
 * which run a cell comes from, its value and standard error, the mean column, the sort, and which
 * cells are ties, paired where two runs scored the same documents and unpaired where not.
 *
 * <pre>
 * exact-match, whose pass@1 is the share of documents answered right.
 * task t1, 10 documents: model-a right on 0-7 (0.8), model-b on 0-6 (0.7), model-c on 0-2 (0.3);
 *   a run without a label scored documents 0-4 only, right on 0-2 (0.6).
 * task t2, 4 documents: model-a right on 0-1 (0.5), model-b on all (1.0), model-c on 0-1 (0.5).
 *
 * t1, best model-a. b - a per document: one -1, nine 0: mean -0.1, sd sqrt(0.9/9), stderr 0.1:
 *   |-0.1| <= 1.96 x 0.1, a tie. c - a: five -1: mean -0.5, sd sqrt(2.5/9), stderr 0.1667:
 *   0.5 > 0.327, behind. The unlabelled run's documents are not a's: unpaired, stderr
 *   sqrt(0.2449^2 + 0.1333^2) = 0.2789 (each sd/sqrt(n) of its 0/1 values): |0.6 - 0.8| <= 0.547, a tie.
 * t2, best model-b. a - b: two -1 of four: mean -0.5, sd sqrt(1/3), stderr 0.2887: 0.5 <= 0.566, a tie.
 * Means over t1 and t2: b 0.85, a 0.65, c 0.4; the unlabelled run has no t2, so no mean.
 * </pre>
 */
@DatabaseTest
class LeaderboardTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    private static String job;
    private static String unlabelled;

    @BeforeAll
    static void fourModels() throws Exception {
        job = "board-" + UUID.randomUUID().toString().substring(0, 6);
        // an older run of model-a that the newer one replaces on the board
        run("old-a", 1, 10, -1, 0, "model-a");
        run("a", 8, 10, 2, 4, "model-a");
        run("b", 7, 10, 4, 4, "model-b");
        run("c", 3, 10, 2, 4, "model-c");
        unlabelled = run("u", 3, 5, -1, 0, null);
    }

    /** A run answering the first {@code right1} of {@code docs1} t1 documents right, likewise t2 (none if negative). */
    private static String run(String name, int right1, int docs1, int right2, int docs2, String label) throws Exception {
        Path runDir = dir.resolve(name);
        SamplesFiles.write(runDir.resolve("samples_t1_2026-12-01T00-00-00.jsonl"), log(right1, docs1));
        String files = "[samples_t1_2026-12-01T00-00-00.jsonl";
        if (right2 >= 0) {
            SamplesFiles.write(runDir.resolve("samples_t2_2026-12-01T00-00-00.jsonl"), log(right2, docs2));
            files += ", samples_t2_2026-12-01T00-00-00.jsonl";
        }
        Cli.Result run = label == null
                ? Cli.run("run", SamplesFiles.job(runDir, yaml(files)).toString(), "--format", "json")
                : Cli.run("run", SamplesFiles.job(runDir, yaml(files)).toString(), "--label", label, "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return JSON.readTree(run.out()).get("run").stringValue();
    }

    private static String yaml(String files) {
        return """
                name: %s
                input: {format: lm-eval, files: %s]}
                filter: {name: exact-match}
                execution: {cache: false}
                """.formatted(job, files);
    }

    private static String log(int right, int docs) {
        StringBuilder log = new StringBuilder();
        for (int doc = 0; doc < docs; doc++) {
            log.append("{\"doc_id\": ").append(doc).append(", \"doc\": {}, \"target\": \"y\", \"resps\": [[\"x\"]], ")
                    .append("\"filtered_resps\": [[\"").append(doc < right ? "y" : "n").append("\"]], \"filter\": \"none\"}\n");
        }
        return log.toString();
    }

    private static JsonNode board(String... options) throws Exception {
        String[] args = new String[options.length + 5];
        args[0] = "board";
        args[1] = "--job";
        args[2] = job;
        args[3] = "--format";
        args[4] = "json";
        System.arraycopy(options, 0, args, 5, options.length);
        Cli.Result result = Cli.run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return JSON.readTree(result.out());
    }

    @Test
    void cellsMeansTiesAndOrderAreTheHandComputedOnes() throws Exception {
        JsonNode board = board();
        assertThat(board.path("metric").stringValue()).isEqualTo("pass@1");
        assertThat(board.path("sort").stringValue()).isEqualTo("mean");
        assertThat(board.path("rows").findValuesAsString("model"))
                .containsExactly("model-b", "model-a", "model-c", unlabelled);

        JsonNode b = board.path("rows").get(0);
        JsonNode a = board.path("rows").get(1);
        JsonNode c = board.path("rows").get(2);
        JsonNode u = board.path("rows").get(3);
        assertThat(a.path("mean").doubleValue()).isCloseTo(0.65, within(1e-12));
        assertThat(b.path("mean").doubleValue()).isCloseTo(0.85, within(1e-12));
        assertThat(c.path("mean").doubleValue()).isCloseTo(0.4, within(1e-12));
        assertThat(u.path("mean").isNull()).isTrue();
        assertThat(u.path("label").isNull()).isTrue();

        JsonNode at1 = a.path("cells").path("t1");
        assertThat(at1.path("value").doubleValue()).as("the newer run of model-a").isCloseTo(0.8, within(1e-12));
        assertThat(at1.path("stderr").doubleValue()).isCloseTo(Math.sqrt(1.6 / 9) / Math.sqrt(10), within(1e-12));
        assertThat(at1.path("standing").stringValue()).isEqualTo("best");

        JsonNode bt1 = b.path("cells").path("t1");
        assertThat(bt1.path("standing").stringValue()).isEqualTo("tie");
        assertThat(bt1.path("paired").booleanValue()).isTrue();
        assertThat(bt1.path("difference").doubleValue()).isCloseTo(-0.1, within(1e-12));
        assertThat(bt1.path("difference_stderr").doubleValue()).isCloseTo(0.1, within(1e-12));

        JsonNode ct1 = c.path("cells").path("t1");
        assertThat(ct1.path("standing").stringValue()).isEqualTo("behind");
        assertThat(ct1.path("difference_stderr").doubleValue()).isCloseTo(Math.sqrt(2.5 / 9) / Math.sqrt(10), within(1e-12));

        JsonNode ut1 = u.path("cells").path("t1");
        assertThat(ut1.path("paired").booleanValue()).as("other documents than the best's").isFalse();
        assertThat(ut1.path("difference_stderr").doubleValue())
                .isCloseTo(Math.hypot(Math.sqrt(0.3) / Math.sqrt(5), Math.sqrt(1.6 / 9) / Math.sqrt(10)), within(1e-12));
        assertThat(ut1.path("standing").stringValue()).isEqualTo("tie");

        assertThat(b.path("cells").path("t2").path("standing").stringValue()).isEqualTo("best");
        JsonNode at2 = a.path("cells").path("t2");
        assertThat(at2.path("standing").stringValue()).isEqualTo("tie");
        assertThat(at2.path("difference_stderr").doubleValue()).isCloseTo(Math.sqrt(1.0 / 3) / 2, within(1e-12));
        assertThat(u.path("cells").has("t2")).isFalse();
    }

    @Test
    void sortedByATaskItsBestComesFirstAndRowsWithoutItLast() throws Exception {
        assertThat(board("--sort", "t2").path("rows").findValuesAsString("model"))
                .containsExactly("model-b", "model-a", "model-c", unlabelled);
        assertThat(board("--sort", "t1").path("rows").findValuesAsString("model"))
                .containsExactly("model-a", "model-b", unlabelled, "model-c");
        assertThat(board("--sort", "model").path("rows").findValuesAsString("model"))
                .containsExactlyElementsOf(java.util.stream.Stream.of("model-a", "model-b", "model-c", unlabelled)
                        .sorted().toList());
    }

    @Test
    void markdownPastesIntoAPaperWithTheBestAndItsTiesInBold() {
        Cli.Result markdown = Cli.run("board", "--job", job, "--format", "markdown");
        assertThat(markdown.exitCode()).isZero();
        assertThat(markdown.out()).startsWith("""
                | model | t1 | t2 | mean |
                | --- | ---: | ---: | ---: |
                | model-b | **0.7000 ± 0.1528** | **1.0000 ± 0.0000** | 0.8500 |
                | model-a | **0.8000 ± 0.1333** | **0.5000 ± 0.2887** | 0.6500 |
                | model-c | 0.3000 ± 0.1528 | **0.5000 ± 0.2887** | 0.4000 |
                | %s | **0.6000 ± 0.2449** | – | – |
                """.formatted(unlabelled));
    }

    @Test
    void aColumnOrMetricTheBoardLacksIsSaidInOneLine() {
        Cli.Result sort = Cli.run("board", "--job", job, "--sort", "t3");
        assertThat(sort.exitCode()).isEqualTo(2);
        assertThat(sort.err()).startsWith("the board has no column 't3'; sort by model, mean or a task: t1, t2");
        Cli.Result metric = Cli.run("board", "--job", job, "--metric", "pass@10");
        assertThat(metric.exitCode()).isEqualTo(2);
        assertThat(metric.err()).startsWith("no completed run of job '" + job + "' has metric 'pass@10'; metrics there: pass@1");
    }
}

package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.evalbatch.error.ExitCodes;
import io.evalbatch.support.Cli;
import io.evalbatch.support.DatabaseTest;
import io.evalbatch.support.ReferenceData;
import io.evalbatch.support.SamplesFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inspect's model_graded_qa and model_graded_fact on the ten samples of Inspect's popularity log: each user message is
 * the one Inspect's own code builds (reference/judge/model-graded-qa, made by running Inspect's
 * template, instructions and delimiter neutralizing in Python), sent once; the grades read as
 * Inspect reads them; a reply without a grade unrated, and unscored in the Inspect export. The
 * job's own template with a JSON verdict gives one field per criterion from one judgment.
 */
@DatabaseTest
class ModelGradedJobTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path LOG = ReferenceData.ROOT.resolve(
            "formats/inspect/2025-02-11T15-17-00-05-00_popularity_dPiJifoWeEQBrfWsAopzWr.eval");
    private static final Path PROMPTS = ReferenceData.ROOT.resolve("judge/model-graded-qa/prompts.jsonl");

    @Test
    void inspectsPromptsAreSentAndItsGradesRead(@TempDir Path dir) throws Exception {
        String id = graded(dir, "model-graded-qa", false);

        Path log = dir.resolve("graded.json");
        Cli.Result export = Cli.run("results", id, "--format", "inspect", "--output", log.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        JsonNode samples = JsonMapper.builder().enable(tools.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build().readTree(Files.readString(log)).get("samples");
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode sample : samples) {
            values.put(sample.get("id").asString(), sample.get("scores").get("evalbatch").get("value").asString());
        }
        assertThat(values).as("unrated is Inspect's unscored NaN").containsEntry("3", "NaN").containsEntry("7", "NaN")
                .containsEntry("4", "C").containsEntry("1", "I").containsEntry("2", "C");
    }

    /** model_graded_fact's template, and partial credit: Inspect's instructions offer P, worth 0.5. */
    @Test
    void factsPromptsWithPartialCreditGiveHalfForP(@TempDir Path dir) throws Exception {
        graded(dir, "model-graded-fact", true);
    }

    /**
     * Judges the log with {@code preset}; the endpoint knows Inspect's prompts for it and answers
     * C, I, P (or "Correct" without partial credit) or no grade by the sample's id. Returns the run.
     */
    private static String graded(Path dir, String preset, boolean partialCredit) throws Exception {
        Map<String, String> replies = new HashMap<>();
        double sum = 0;
        int rated = 0;
        for (JsonNode row : ReferenceData.jsonLines(PROMPTS)) {
            if (!row.get("scorer").stringValue().equals(preset) || row.get("partial_credit").asBoolean() != partialCredit) {
                continue;
            }
            int id = row.get("id").asInt();
            String reply = switch (id % 4) {
                case 0 -> "The submission matches the criterion.\nGRADE: C";
                case 1 -> "It does not. GRADE: I";
                case 2 -> partialCredit ? "Half of it. GRADE: P" : "First I thought GRADE: I, but on reflection\nGRADE: Correct";
                default -> "I cannot judge this.";
            };
            replies.put(row.get("prompt").stringValue(), reply);
            if (id % 4 != 3) {
                rated++;
                sum += switch (id % 4) {
                    case 0 -> 1.0;
                    case 2 -> partialCredit ? 0.5 : 1.0;
                    default -> 0.0;
                };
            }
        }
        assertThat(replies).hasSize(10);
        Path job = SamplesFiles.job(dir, """
                name: popularity-graded
                input: {format: inspect, files: ["%s"]}
                filter: {name: judge, preset: %s, model: gpt-4o-mini%s}
                execution: {partitions: 2, threads: 4}
                metrics: {pass-at-k: [], mean: true, score: true}
                """.formatted(LOG, preset, partialCredit ? ", partial-credit: true" : ""));
        try (PromptedJudge judge = PromptedJudge.start(replies)) {
            Map<String, Object> endpoint = Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", "sk-graded");
            String id = "graded-" + System.nanoTime() % 1_000_000;
            Cli.Result run = Cli.runWith(endpoint, "run", job.toString(), "--id", id, "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(judge.refused()).as("requests that are not Inspect's prompt").isZero();
            assertThat(judge.askedCounts()).hasSize(10).containsOnly(1);
            assertThat(judge.requests().get(0).get("temperature").asDouble()).isZero();

            JsonNode score = metric(run, "score");
            assertThat(score.get("value").asDouble()).isCloseTo(sum / rated, within(1e-12));
            assertThat(score.get("n").asLong()).isEqualTo(rated);
            assertThat(score.get("note").stringValue()).contains("2 judgments have no rating (unrated), left out");
            return id;
        }
    }

    /**
     * The job's own template, placeholders from the sample and its document, and a JSON verdict of
     * two criteria: each is a field of the result, and field metrics average them.
     */
    @Test
    void theJobsOwnTemplateAndAJsonVerdictGiveAFieldPerCriterion(@TempDir Path dir) throws Exception {
        String template = "Statement: {question}\nAnswer: {response}\nExpected:{target}\nModel: {doc.model}\n"
                + "Reply in JSON: {{\"accuracy\": 0 or 1, \"clarity\": 1 to 5}}";
        Map<String, String> replies = new HashMap<>();
        double accuracy = 0;
        double clarity = 0;
        try (ZipFile zip = new ZipFile(LOG.toFile())) {
            for (ZipEntry entry : zip.stream().filter(e -> e.getName().startsWith("samples/")).toList()) {
                JsonNode sample;
                try (InputStream in = zip.getInputStream(entry)) {
                    sample = JSON.readTree(in);
                }
                int id = sample.get("id").asInt();
                String prompt = "Statement: " + sample.get("input").stringValue() + "\nAnswer: "
                        + sample.get("output").get("choices").get(0).get("message").get("content").stringValue()
                        + "\nExpected:" + sample.get("target").stringValue() + "\nModel: openai/gpt-4o-mini\n"
                        + "Reply in JSON: {\"accuracy\": 0 or 1, \"clarity\": 1 to 5}";
                int right = id % 2;
                int clear = 1 + id % 5;
                replies.put(prompt, id % 3 == 0 ? "```json\n{\"accuracy\": " + right + ", \"clarity\": " + clear + "}\n```"
                        : "Here: {\"accuracy\": " + (right == 1) + ", \"clarity\": \"" + clear + "\"} done");
                accuracy += right;
                clarity += clear;
            }
        }
        assertThat(replies).hasSize(10);
        Path job = SamplesFiles.job(dir, """
                name: popularity-criteria
                input: {format: inspect, files: ["%s"]}
                filter:
                  name: judge
                  preset: none
                  model: gpt-4o-mini
                  user: %s
                  verdict: json
                  criteria: [accuracy, clarity]
                execution: {partitions: 1, threads: 2}
                metrics: {pass-at-k: [], mean: false, score: false, fields: {accuracy: [mean], clarity: [mean]}}
                """.formatted(LOG, JSON.writeValueAsString(template)));
        try (PromptedJudge judge = PromptedJudge.start(replies)) {
            Map<String, Object> endpoint = Map.of("OPENAI_BASE_URL", judge.baseUrl(), "OPENAI_API_KEY", "sk-graded");
            Cli.Result run = Cli.runWith(endpoint, "run", job.toString(), "--format", "json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(judge.refused()).isZero();
            assertThat(judge.askedCounts()).as("one judgment for both criteria").hasSize(10).containsOnly(1);
            assertThat(metric(run, "accuracy:mean").get("value").asDouble()).isCloseTo(accuracy / 10, within(1e-12));
            assertThat(metric(run, "clarity:mean").get("value").asDouble()).isCloseTo(clarity / 10, within(1e-12));
        }
    }

    @Test
    void verdictOptionsThatCannotWorkAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Map<String, String> cases = Map.of(
                "{name: judge, preset: none}", "filter.user: preset none needs the user message's template",
                "{name: judge, preset: none, user: 'Rate {response}', verdict: regex}",
                "filter.pattern: verdict regex needs a pattern whose first group is the score",
                "{name: judge, preset: mt-bench, user: 'Rate {response}'}",
                "filter.user: preset mt-bench sends FastChat's own prompts",
                "{name: judge, preset: none, user: 'Rate {response!r}'}", "filter.user: '{response!r}' at character 5",
                "{name: judge, preset: model-graded-qa, parameters: {temperature: 1}}",
                "filter.parameters.temperature: is set by the filter",
                "{name: judge, preset: none, user: 'x', verdict: labels, pattern: '(C|I)', labels: {C: one}}",
                "filter.labels.C: must be a number");
        int i = 0;
        for (var entry : cases.entrySet()) {
            Path job = SamplesFiles.job(Files.createDirectories(dir.resolve("case" + i++)), """
                    name: refused
                    input: {format: inspect, files: ["%s"]}
                    filter: %s
                    """.formatted(LOG, entry.getKey()));
            Cli.Result run = Cli.runWith(Map.of("OPENAI_API_KEY", "sk-graded"), "run", job.toString());
            assertThat(run.exitCode()).as(entry.getKey()).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(run.err()).as(entry.getKey()).contains(entry.getValue());
        }
    }

    private static JsonNode metric(Cli.Result run, String name) {
        for (JsonNode row : JSON.readTree(run.out()).get("metrics")) {
            if (row.get("metric").stringValue().equals(name) && row.has("task")) {
                return row;
            }
        }
        throw new AssertionError("no metric " + name + " in " + run.out());
    }
}

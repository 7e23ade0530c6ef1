package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.evalbatch.support.ReferenceData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FastChat's MT-bench single grading, judgment by judgment: for each of the 320 judgments FastChat
 * recorded on the bundled answer files, the prompt chosen and the messages built from the bundled
 * questions, answers and references equal what FastChat sent, byte for byte; the rating read from
 * the judge's reply equals the score FastChat recorded; and the means over them are what FastChat's
 * show_result printed for the two models.
 */
class MtBenchJudgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path MT_BENCH = ReferenceData.EXAMPLES.resolve("mt-bench");
    private static final Path JUDGMENTS = ReferenceData.ROOT.resolve("judge/mt-bench/gpt-4_single.jsonl.gz");

    private final Map<String, JudgePrompt> prompts = JudgePrompts.mtBench(JSON);

    @Test
    void everyRecordedJudgmentIsRebuiltByteForByteAndReadAsFastChatReadIt() {
        MtBenchJudge judge = new MtBenchJudge(prompts);
        Map<String, JsonNode> questions = byId(MT_BENCH.resolve("question.jsonl"));
        Map<String, JsonNode> references = byId(MT_BENCH.resolve("reference_answer/gpt-4.jsonl"));
        Map<String, Map<String, JsonNode>> answers = new TreeMap<>();
        for (String model : List.of("Meta-Llama-3-8B-Instruct-Normal", "Meta-Llama-3-8B-Instruct-Griffin")) {
            answers.put(model, byId(MT_BENCH.resolve("model_answer/" + model + ".jsonl")));
        }
        Map<String, List<Double>> ratings = new TreeMap<>();
        List<JsonNode> recorded = ReferenceData.jsonLines(JUDGMENTS);
        assertThat(recorded).hasSize(320);
        for (JsonNode judgment : recorded) {
            String id = judgment.get("question_id").asString();
            String model = judgment.get("model").stringValue();
            int turn = judgment.get("turn").asInt();
            JsonNode question = questions.get(id);
            JsonNode reference = references.get(id);
            MtBenchItem item = new MtBenchItem(Integer.parseInt(id), question.get("category").stringValue(),
                    texts(question.get("turns")), texts(answers.get(model).get(id).get("choices").get(0).get("turns")),
                    reference == null ? null : texts(reference.get("choices").get(0).get("turns")), turn);

            JudgeMessages messages = judge.messages(item);
            String where = model + " question " + id + " turn " + turn;
            assertThat(messages.prompt()).as(where).isEqualTo(judgment.get("judge").get(1).stringValue());
            assertThat(messages.system()).as(where).isEqualTo(prompts.get(messages.prompt()).systemPrompt());
            assertThat(messages.user()).as(where).isEqualTo(judgment.get("user_prompt").stringValue());

            double score = judgment.get("score").asDouble();
            assertThat(RatingRule.fastChat(judgment.get("judgment").stringValue())).as(where).contains(score);
            ratings.computeIfAbsent(model + " turn " + turn, k -> new ArrayList<>()).add(score);
            ratings.computeIfAbsent(model + " all", k -> new ArrayList<>()).add(score);
        }
        // FastChat's show_result.py on these judgments
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Normal turn 1"))).isEqualTo(8.275);
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Normal turn 2"))).isEqualTo(7.2625);
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Normal all"))).isEqualTo(7.76875);
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Griffin turn 1"))).isEqualTo(3.1375);
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Griffin turn 2"))).isEqualTo(2.2625);
        assertThat(mean(ratings.get("Meta-Llama-3-8B-Instruct-Griffin all"))).isEqualTo(2.7);
    }

    /** Written by hand after FastChat's patterns: [[n]] first, else [n]; neither is no rating (FastChat's -1). */
    @Test
    void theRatingIsTheFirstDoubleBracketedNumberElseTheFirstSingleBracketed() {
        assertThat(RatingRule.fastChat("Good. Rating: [[8]] and later [[3]]")).contains(8.0);
        assertThat(RatingRule.fastChat("Rating: [[8.5]]")).contains(8.5);
        assertThat(RatingRule.fastChat("see [2] and [[7]]")).contains(7.0);
        assertThat(RatingRule.fastChat("Rating: [6]")).contains(6.0);
        assertThat(RatingRule.fastChat("Rating: 6/10")).isEmpty();
        assertThat(RatingRule.fastChat("$ERROR$")).isEmpty();
    }

    @Test
    void aTemplateIsFilledAsPythonsStrFormatFillsItOrRefused() {
        NamedTemplate template = NamedTemplate.parse("Q: {question}\n{{literal}} A: {answer}");
        // "{question}".format(question="{answer}") does not substitute again
        assertThat(template.fill(Map.of("question", "{answer}", "answer", "42"))).isEqualTo("Q: {answer}\n{literal} A: 42");
        assertThatThrownBy(() -> template.fill(Map.of("question", "q"))).hasMessageContaining("no value for {answer}");
        assertThatThrownBy(() -> NamedTemplate.parse("{0}")).hasMessageContaining("not a named placeholder");
        assertThatThrownBy(() -> NamedTemplate.parse("{answer!r}")).hasMessageContaining("not a named placeholder");
        assertThatThrownBy(() -> NamedTemplate.parse("a } b")).hasMessageContaining("single '}'");
        assertThatThrownBy(() -> NamedTemplate.parse("a { b")).hasMessageContaining("unclosed '{'");
    }

    private static Map<String, JsonNode> byId(Path file) {
        return ReferenceData.rows(file, "question_id");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.stringValue()));
        return texts;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }
}

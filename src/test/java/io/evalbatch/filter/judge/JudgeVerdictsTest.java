package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

import io.evalbatch.support.ReferenceData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** How replies are read as verdicts, against Inspect's own reading and by hand. */
class JudgeVerdictsTest {

    /**
     * Each reply of reference/judge/model-graded-qa/grades.jsonl, read by Inspect's patterns in Python's
     * re (with its instructions, with partial credit, with the job's own instructions), gives the
     * same grade here, or none where Inspect's gives none.
     */
    @Test
    void gradesAreReadAsInspectReadsThem() {
        List<JsonNode> cases = ReferenceData.jsonLines(ReferenceData.ROOT.resolve("judge/model-graded-qa/grades.jsonl"));
        assertThat(cases).hasSize(45);
        for (JsonNode c : cases) {
            boolean own = c.get("mode").stringValue().equals("own-instructions");
            Verdict verdict = new InspectGrade(null, !own, c.get("partial_credit").asBoolean())
                    .read(c.get("reply").stringValue());
            String expected = c.get("grade").isNull() ? null : c.get("grade").stringValue();
            assertThat(verdict.fields().get("grade")).as(c.toString()).isEqualTo(expected);
            if (expected != null) {
                assertThat(verdict.score().getAsDouble()).as(c.toString())
                        .isEqualTo(switch (expected) {
                            case "C" -> 1.0;
                            case "P" -> 0.5;
                            default -> 0.0;
                        });
            }
        }
    }

    @Test
    void aPatternGivesANumberOrALabelsScore() {
        VerdictRule number = PatternVerdicts.number(Pattern.compile("Score: (\\d+(?:\\.\\d+)?)"));
        assertThat(number.read("Reasoning. Score: 7.5 of 10").score()).isEqualTo(OptionalDouble.of(7.5));
        assertThat(number.read("Score: seven").score()).isEmpty();
        VerdictRule labels = PatternVerdicts.labels(Pattern.compile("(?s).*VERDICT: (\\w+)"),
                Map.of("correct", 1.0, "partial", 0.5, "wrong", 0.0));
        assertThat(labels.read("VERDICT: wrong ... VERDICT: Partial").score()).isEqualTo(OptionalDouble.of(0.5));
        assertThat(labels.read("VERDICT: Partial").fields()).containsEntry("label", "Partial");
        assertThat(labels.read("VERDICT: maybe").score()).isEmpty();
    }

    @Test
    void aJsonVerdictGivesEachCriterionAndTheirMean() {
        JsonCriteria rule = new JsonCriteria(List.of("accuracy", "clarity"), JsonMapper.builder().build());
        Verdict fenced = rule.read("Thoughts...\n```json\n{\"accuracy\": 1, \"clarity\": 4, \"other\": \"x\"}\n```");
        assertThat(fenced.fields()).containsExactly(Map.entry("accuracy", 1.0), Map.entry("clarity", 4.0));
        assertThat(fenced.score()).isEqualTo(OptionalDouble.of(2.5));
        assertThat(rule.read("{\"accuracy\": true, \"clarity\": \"3\"}").score()).isEqualTo(OptionalDouble.of(2.0));
        assertThat(rule.read("{\"accuracy\": 1}").score()).as("a criterion missing").isEmpty();
        assertThat(rule.read("no JSON at all").score()).isEmpty();
    }

    /**
     * A sample of an Inspect log (input as chat messages, a list of targets, metadata) and the values
     * its placeholders take, written out by hand: nested fields and list items, Inspect's input text
     * (the last user message, its text parts joined by a newline), Target.text (the targets joined),
     * a metadata key by its own name; what comes from the sample neutralized, what the job gives not.
     */
    @Test
    void placeholdersReachTheSampleAndItsDocument() {
        String doc = """
                {"input": [{"role": "system", "content": "Be brief."},
                           {"role": "user", "content": [{"type": "text", "text": "First part"},
                                                        {"type": "image", "image": "x.png"},
                                                        {"type": "text", "text": "second [END DATA] part"}]}],
                 "target": ["Par", "is"], "metadata": {"level": 3, "source": "atlas"},
                 "turns": ["one", "two"], "meta": {"deep": {"er": "value"}}}""";
        io.evalbatch.filter.Sample sample = new io.evalbatch.filter.Sample("run", 0, "geo", "7", 0, "log.eval", 1,
                "the prompt", "Paris", "Paris", null, null, doc);
        SampleValues values = new SampleValues(sample, Map.of("instructions", "Reply [END DATA] GRADE"),
                InspectGrading::neutralize, JsonMapper.builder().build());
        NamedTemplate template = NamedTemplate.parse(
                "{question}|{answer}|{criterion}|{doc.turns.1}|{doc.meta.deep.er}|{level}|{source}|{instructions} {{x}}");
        assertThat(template.names()).hasSize(8).startsWith("question", "answer", "criterion");
        assertThat(template.fill(values)).isEqualTo(
                "First part\nsecond [END-DATA] part|Paris|Paris|two|value|3|atlas|Reply [END DATA] GRADE {x}");
        assertThat(values.apply("doc.turns.5")).as("no such item").isNull();
        assertThat(values.apply("unknown")).isNull();
        assertThat(InspectGrading.neutralize("a [END DATA] b [begin data] c")).isEqualTo("a [END-DATA] b [begin-data] c");
    }
}

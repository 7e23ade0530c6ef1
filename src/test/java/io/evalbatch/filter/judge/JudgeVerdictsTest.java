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

    @Test
    void placeholdersReachNestedDocumentFields() {
        NamedTemplate template = NamedTemplate.parse("{doc.turns.1} / {doc.meta.level} / {response} {{x}}");
        assertThat(template.names()).containsExactly("doc.turns.1", "doc.meta.level", "response");
        Map<String, String> values = Map.of("doc.turns.1", "second", "doc.meta.level", "3", "response", "r");
        assertThat(template.fill(values)).isEqualTo("second / 3 / r {x}");
        assertThat(InspectGrading.neutralize("a [END DATA] b [begin data] c")).isEqualTo("a [END-DATA] b [begin-data] c");
    }
}

package io.evalbatch.filter.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import org.junit.jupiter.api.Test;

class ExactMatchFilterTest {

    private final ExactMatchFilterProvider provider = new ExactMatchFilterProvider();

    private SimulationFilter filter(Map<String, Object> options) {
        FilterSpec spec = new FilterSpec("job.yaml", "exact-match", options);
        new FilterCatalog(List.of(provider)).validate(spec);
        return provider.create(spec);
    }

    private static FilterResult score(SimulationFilter filter, String response, String target) {
        return filter.evaluate(new Sample("run", 0, "gsm8k", "0", 0, "f", 1, "", response, target, null, null));
    }

    @Test
    void gsm8kStrictMatchAsLmEvalConfiguresIt() {
        // lm-eval gsm8k: regex "#### (\-?[0-9\.\,]+)", then exact_match with ignore_case and
        // regexes_to_ignore [",", "\$", "(?s).*#### ", "\.$"]
        SimulationFilter gsm8k = filter(Map.of("extract", "#### (\\-?[0-9\\.\\,]+)", "ignore-case", true,
                "regexes-to-ignore", List.of(",", "\\$", "(?s).*#### ", "\\.$")));

        FilterResult right = score(gsm8k, "She has 3 + 15 = 18 eggs.\n#### 1,018", "1018");
        assertThat(right.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(right.score()).isEqualTo(1.0);
        assertThat(right.answer()).isEqualTo("1018");

        FilterResult wrong = score(gsm8k, "#### -4", "4");
        assertThat(wrong.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(wrong.answer()).isEqualTo("-4");
        assertThat(wrong.detail()).isEqualTo("answer '-4' is not the target '4'");

        FilterResult none = score(gsm8k, "The answer is 18.", "18");
        assertThat(none.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(none.answer()).isEqualTo("[invalid]");
    }

    @Test
    void withoutExtractionTheWholeResponseIsTheAnswer() {
        SimulationFilter plain = filter(Map.of());
        assertThat(score(plain, "Paris", "Paris").outcome()).isEqualTo(Outcome.PASSED);
        assertThat(score(plain, "paris", "Paris").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(score(plain, "Paris ", "Paris").outcome()).as("no stripping unless asked").isEqualTo(Outcome.FAILED);
    }

    @Test
    void normalizationAppliesToAnswerAndTargetAlike() {
        SimulationFilter loose = filter(Map.of("ignore-case", true, "ignore-punctuation", true, "ignore-numbers", true));
        FilterResult result = score(loose, "The Eiffel-Tower (1889)!", "the eiffel tower");
        // punctuation removed, not replaced: "The Eiffel-Tower (1889)!" → "the eiffeltower "
        assertThat(result.answer()).isEqualTo("the eiffeltower ");
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(score(loose, "Eiffel Tower!", "eiffel tower").outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void aPatternWithSeveralGroupsYieldsItsFirstNonEmptyGroup() {
        SimulationFilter either = filter(Map.of("extract", "answer is \\((A|B|C)\\)|answer: ([A-C])"));
        assertThat(score(either, "so the answer: B", "B").answer()).isEqualTo("B");
        assertThat(score(either, "the answer is (C).", "C").answer()).isEqualTo("C");
    }

    @Test
    void gsm8kFlexibleExtractTakesTheLastNumber() {
        // lm-eval gsm8k flexible-extract: regex "(-?[$0-9.,]{2,})|(-?[0-9]+)" with group_select -1.
        // Python's re.findall on this response gives ('16',''), ('','3'), ('','4'), ('','9'),
        // ('$2',''), ('$18.',''): the last is '$18.', which the regexes to ignore make '18'.
        SimulationFilter flexible = filter(Map.of("extract", "(-?[$0-9.,]{2,})|(-?[0-9]+)", "group-select", -1,
                "ignore-case", true, "regexes-to-ignore", List.of(",", "\\$", "(?s).*#### ", "\\.$")));
        FilterResult result = score(flexible, "She sold 16 - 3 - 4 = 9 eggs at $2 each, so $18.", "9 * 2 = 18\n#### 18");
        assertThat(result.answer()).isEqualTo("18");
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);

        SimulationFilter first = filter(Map.of("extract", "(-?[$0-9.,]{2,})|(-?[0-9]+)"));
        assertThat(score(first, "She sold 16 - 3 - 4 = 9 eggs", "9").answer()).isEqualTo("16");
        SimulationFilter outside = filter(Map.of("extract", "[0-9]+", "group-select", 3));
        assertThat(score(outside, "1 2 3", "3").answer()).as("no fourth match").isEqualTo("[invalid]");
        // Python: re.findall("[0-9]+", "1 2 3")[-2] == "2", [-3] == "1", [-4] raises (here [invalid])
        assertThat(score(filter(Map.of("extract", "[0-9]+", "group-select", -2)), "1 2 3", "2").answer()).isEqualTo("2");
        assertThat(score(filter(Map.of("extract", "[0-9]+", "group-select", -3)), "1 2 3", "1").answer()).isEqualTo("1");
        assertThat(score(filter(Map.of("extract", "[0-9]+", "group-select", -4)), "1 2 3", "1").answer())
                .isEqualTo("[invalid]");
    }

    @Test
    void aPatternWithOneGroupThatMatchedNothingGivesAnEmptyAnswer() {
        // re.findall("answer: ?(\\d*)", "the answer: none") is [''], which lm-eval keeps as ''
        SimulationFilter digits = filter(Map.of("extract", "answer: ?(\\d*)"));
        FilterResult result = score(digits, "the answer: none", "");
        assertThat(result.answer()).isEmpty();
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
    }

    @Test
    void badOptionsAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> filter(Map.of("extract", "x", "group-select", 0.5))).hasMessageContaining(
                "filter.group-select: must be an integer, not 0.5");
        assertThatThrownBy(() -> filter(Map.of("group-select", -1))).hasMessageContaining(
                "filter.group-select: chooses a match of extract, and there is no extract");
        assertThatThrownBy(() -> filter(Map.of("extract", "#### (")))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("filter.extract: not a valid regular expression");
        assertThatThrownBy(() -> filter(Map.of("regexes-to-ignore", List.of(",", "[")))).hasMessageContaining(
                "filter.regexes-to-ignore[1]: not a valid regular expression");
        assertThatThrownBy(() -> filter(Map.of("ignore-case", "yes"))).hasMessageContaining(
                "filter.ignore-case: must be true or false");
        assertThatThrownBy(() -> filter(Map.of("strip", true))).hasMessageContaining("filter.strip: unknown option");
    }
}

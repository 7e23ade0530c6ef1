package io.evalbatch.filter.match;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.SimulationFilter;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: exact-match, extract: "#### (\\-?[0-9.,]+)", group-select: 0, ignore-case: true,
 * ignore-punctuation: false, ignore-numbers: false, regexes-to-ignore: [",", "\\$"]}}: the answer
 * checker of non-code tasks (GSM8K, TriviaQA, ...). Patterns are Java regular expressions;
 * {@code group-select} is lm-eval's: which match of {@code extract} is the answer, -1 for the last.
 */
@Component
public class ExactMatchFilterProvider implements FilterProvider {

    @Override
    public String name() {
        return "exact-match";
    }

    /**
     * Bump with any change to extraction or normalization: results of the old version are then
     * never reused.
     */
    @Override
    public String version() {
        return "2";
    }

    static final FilterOption EXTRACT = FilterOption.text("extract", null, "a regular expression whose first match "
            + "(its group, when it has one) is the answer; without it the whole response is");
    static final FilterOption GROUP_SELECT = FilterOption.integer("group-select", 0, -1_000_000, 1_000_000,
            "which match of extract is the answer, as lm-eval's group_select: 0 the first, -1 the last");
    static final FilterOption REGEXES_TO_IGNORE = FilterOption.texts("regexes-to-ignore", List.of(),
            "patterns removed from answer and target before they are compared");
    static final FilterOption IGNORE_CASE = FilterOption.flag("ignore-case", false, "compare lower-cased");
    static final FilterOption IGNORE_PUNCTUATION = FilterOption.flag("ignore-punctuation", false,
            "compare without ASCII punctuation");
    static final FilterOption IGNORE_NUMBERS = FilterOption.flag("ignore-numbers", false, "compare without digits");
    private static final List<FilterOption> OPTIONS = List.of(EXTRACT, GROUP_SELECT, REGEXES_TO_IGNORE, IGNORE_CASE,
            IGNORE_PUNCTUATION, IGNORE_NUMBERS);

    @Override
    public String description() {
        return "extracts an answer from each response and compares it with the target, as lm-eval's exact_match";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    @Override
    public void validate(FilterSpec spec) {
        matcher(spec);
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new ExactMatchFilter(matcher(spec));
    }

    /**
     * A match takes microseconds, so commits, not scoring, would decide a run's time: chunks of 20
     * made a 1,000,000-sample run spend 100 s in simulate, chunks of 1,000 about 7 s. A crash then
     * matches at most partitions × 1,000 responses again, a fraction of a second.
     */
    @Override
    public int chunk(FilterSpec spec) {
        return 1000;
    }

    @Override
    public boolean extractsAnswers() {
        return true;
    }

    private static AnswerMatcher matcher(FilterSpec spec) {
        String extract = EXTRACT.optionalText(spec);
        List<Pattern> ignore = new ArrayList<>();
        List<String> patterns = REGEXES_TO_IGNORE.texts(spec);
        for (int i = 0; i < patterns.size(); i++) {
            ignore.add(compile(spec, "regexes-to-ignore[" + i + "]", patterns.get(i)));
        }
        int select = GROUP_SELECT.integer(spec);
        if (extract == null && GROUP_SELECT.given(spec)) {
            throw spec.invalid("group-select", "chooses a match of extract, and there is no extract");
        }
        return new AnswerMatcher(extract == null ? null : compile(spec, "extract", extract), select, ignore,
                IGNORE_CASE.flag(spec), IGNORE_PUNCTUATION.flag(spec), IGNORE_NUMBERS.flag(spec));
    }

    private static Pattern compile(FilterSpec spec, String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw spec.invalid(key, "not a valid regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }
}

package io.evalbatch.filter.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.evalbatch.definition.FilterSpec;
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

    @Override
    public Set<String> options() {
        return Set.of("extract", "group-select", "regexes-to-ignore", "ignore-case", "ignore-punctuation", "ignore-numbers");
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
        String extract = spec.optionalText("extract");
        List<Pattern> ignore = new ArrayList<>();
        List<String> patterns = spec.strings("regexes-to-ignore");
        for (int i = 0; i < patterns.size(); i++) {
            ignore.add(compile(spec, "regexes-to-ignore[" + i + "]", patterns.get(i)));
        }
        double select = spec.number("group-select", 0);
        if (select != Math.rint(select) || Math.abs(select) > 1_000_000) {
            throw spec.invalid("group-select", "must be a whole number (0 the first match, -1 the last), not "
                    + spec.options().get("group-select"));
        }
        if (extract == null && spec.options().containsKey("group-select")) {
            throw spec.invalid("group-select", "chooses a match of extract, and there is no extract");
        }
        return new AnswerMatcher(extract == null ? null : compile(spec, "extract", extract), (int) select, ignore,
                spec.flag("ignore-case", false), spec.flag("ignore-punctuation", false),
                spec.flag("ignore-numbers", false));
    }

    private static Pattern compile(FilterSpec spec, String key, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw spec.invalid(key, "not a valid regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }
}

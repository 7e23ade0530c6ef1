package io.evalbatch.filter.judge;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.InspectValues;
import org.jspecify.annotations.Nullable;

/**
 * Inspect's reading of a {@code model_graded_qa} / {@code model_graded_fact} verdict
 * (inspect_ai, {@code src/inspect_ai/scorer/_model.py}): the last {@code GRADE: X} of the reply.
 * With Inspect's own instructions and pattern, the word after {@code GRADE:} is read, its first
 * letter upper-cased, and a grade the instructions did not offer (P without partial credit, any
 * other) is no verdict; with the job's own instructions Inspect's pattern takes C, P or I only;
 * with the job's own pattern its first group is the grade as written. The grade is worth what
 * {@link InspectValues} (Inspect's {@code value_to_float}) makes of it; one it cannot read leaves
 * the judgment unrated: a reply the rule cannot read says nothing of the answer.
 */
final class InspectGrade implements VerdictRule {

    /** Whitespace and the zero-width marks that can stand around the colon. */
    private static final String SPACING = "[\\s\\u200b\\u200c\\u200d\\u200e\\u200f\\u2060\\u2063\\ufeff]*";
    /** Python's \w and \s are Unicode's: (?U). The greedy .* binds to the last GRADE. */
    static final String DEFAULT_PATTERN = "(?isU).*(?<!\\w)GRADE(?!\\w)" + SPACING + ":" + SPACING + "([CPI])";
    private static final String PERMISSIVE_PATTERN = "(?isU).*(?<!\\w)GRADE(?!\\w)" + SPACING + ":" + SPACING + "(\\w*)";

    private final Pattern pattern;
    private final boolean ownPattern;
    private final @Nullable List<String> offered;

    /**
     * @param pattern             the job's pattern, or null for Inspect's
     * @param defaultInstructions whether the judge was given Inspect's own instructions
     */
    InspectGrade(@Nullable String pattern, boolean defaultInstructions, boolean partialCredit) {
        this.ownPattern = pattern != null;
        boolean validate = pattern == null && defaultInstructions;
        this.pattern = Pattern.compile(pattern != null ? pattern : validate ? PERMISSIVE_PATTERN : DEFAULT_PATTERN);
        this.offered = validate ? (partialCredit ? List.of("C", "P", "I") : List.of("C", "I")) : null;
    }

    @Override
    public Verdict read(String reply) {
        Matcher match = pattern.matcher(reply);
        String value = match.find() && match.groupCount() >= 1 ? match.group(1) : null;
        if (value != null && !ownPattern) {
            value = value.isEmpty() ? "" : value.substring(0, 1).toUpperCase(Locale.ROOT);
            if (offered != null && !offered.contains(value)) {
                value = null;
            }
        }
        if (value == null) {
            return Verdict.unrated();
        }
        OptionalDouble score = InspectValues.toFloat(value);
        return score.isPresent() ? new Verdict(score, Map.of("grade", value)) : Verdict.unrated();
    }
}

package io.evalbatch.filter.judge;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.Numbers;
import org.jspecify.annotations.Nullable;

/**
 * Verdicts read with the job's regular expression (Java's syntax, searched as Python's
 * {@code re.search} searches: the first match; a leading {@code .*} with {@code (?s)} takes the last).
 * Its first group, or the whole match without one, is the verdict: a number that is the score
 * ({@code verdict: regex}), or a label the job's {@code labels} map to a score
 * ({@code verdict: labels}, Inspect's {@code GRADE: C/P/I} → 1 / 0.5 / 0 for instance). No match,
 * or a verdict that is neither, is unrated.
 */
final class PatternVerdicts {

    private PatternVerdicts() {
    }

    /** The first group as a number; field {@code rating}. */
    static VerdictRule number(Pattern pattern) {
        return reply -> {
            String found = found(pattern, reply);
            if (found == null) {
                return Verdict.unrated();
            }
            OptionalDouble rating = Numbers.finite(found);
            return rating.isEmpty() ? Verdict.unrated()
                    : new Verdict(rating, Map.of("rating", rating.getAsDouble()));
        };
    }

    /** The first group as a label of {@code labels}, as written or else ignoring case; field {@code label}. */
    static VerdictRule labels(Pattern pattern, Map<String, Double> labels) {
        Map<String, Double> folded = new LinkedHashMap<>();
        labels.forEach((label, score) -> folded.putIfAbsent(label.toLowerCase(Locale.ROOT), score));
        return reply -> {
            String found = found(pattern, reply);
            if (found == null) {
                return Verdict.unrated();
            }
            String label = found.strip();
            Double score = labels.containsKey(label) ? labels.get(label) : folded.get(label.toLowerCase(Locale.ROOT));
            return score == null ? Verdict.unrated() : new Verdict(OptionalDouble.of(score), Map.of("label", label));
        };
    }

    private static @Nullable String found(Pattern pattern, String reply) {
        Matcher match = pattern.matcher(reply);
        if (!match.find()) {
            return null;
        }
        return match.groupCount() >= 1 ? match.group(1) : match.group();
    }
}

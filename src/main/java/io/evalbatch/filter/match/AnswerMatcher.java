package io.evalbatch.filter.match;

import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Extracts an answer from a response and compares it with the target the way lm-eval's
 * {@code regex} filter and {@code exact_match} metric do. The answer is one match of the extraction
 * pattern, chosen by {@code groupSelect} as Python indexes the list of all matches (0 the first, -1
 * the last); of that match, its group when the pattern has one (empty when that group matched
 * nothing), its first non-empty group when it has several, or the whole match; then stripped. No
 * match, a selection outside the list, or several groups all empty give {@code [invalid]}. Then,
 * on both answer and target: removal of every pattern to ignore, optional lower case, and optional
 * removal of punctuation and digits.
 */
record AnswerMatcher(@Nullable Pattern extract, int groupSelect, List<Pattern> ignore, boolean ignoreCase,
                     boolean ignorePunctuation, boolean ignoreNumbers) {

    static final String NO_MATCH = "[invalid]";
    /** Python's {@code string.punctuation}, as lm-eval removes it. */
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]");

    AnswerMatcher {
        ignore = List.copyOf(ignore);
    }

    String answer(String response) {
        if (extract == null) {
            return response;
        }
        MatchResult m = select(extract.matcher(response));
        if (m == null) {
            return NO_MATCH;
        }
        if (m.groupCount() == 0) {
            return m.group().strip();
        }
        if (m.groupCount() == 1) {
            return m.group(1) == null ? "" : m.group(1).strip();
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null && !m.group(g).isEmpty()) {
                return m.group(g).strip();
            }
        }
        return NO_MATCH;
    }

    /**
     * The match {@code groupSelect} names, or null: counting from the front stops at it, and from
     * the back keeps only the last few, so that no response has all its matches collected.
     */
    private @Nullable MatchResult select(Matcher matcher) {
        if (groupSelect >= 0) {
            for (int i = 0; matcher.find(); i++) {
                if (i == groupSelect) {
                    return matcher.toMatchResult();
                }
            }
            return null;
        }
        java.util.ArrayDeque<MatchResult> last = new java.util.ArrayDeque<>(-groupSelect);
        while (matcher.find()) {
            if (last.size() == -groupSelect) {
                last.removeFirst();
            }
            last.addLast(matcher.toMatchResult());
        }
        return last.size() == -groupSelect ? last.peekFirst() : null;
    }

    String normalize(String text) {
        String s = text;
        for (Pattern p : ignore) {
            s = p.matcher(s).replaceAll("");
        }
        if (ignoreCase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        if (ignorePunctuation) {
            s = PUNCTUATION.matcher(s).replaceAll("");
        }
        if (ignoreNumbers) {
            s = DIGITS.matcher(s).replaceAll("");
        }
        return s;
    }
}

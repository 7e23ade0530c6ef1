package io.evalbatch.filter.match;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts an answer from a response and compares it with the target the way lm-eval's
 * {@code regex} filter and {@code exact_match} metric do: the first match of the extraction pattern
 * (its first non-empty group when it has groups), stripped, or {@code [invalid]} when nothing
 * matches; then, on both answer and target, removal of every pattern to ignore, optional lower
 * case, and optional removal of punctuation and digits.
 */
record AnswerMatcher(Pattern extract, List<Pattern> ignore, boolean ignoreCase, boolean ignorePunctuation,
                     boolean ignoreNumbers) {

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
        Matcher m = extract.matcher(response);
        if (!m.find()) {
            return NO_MATCH;
        }
        if (m.groupCount() == 0) {
            return m.group().strip();
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            if (m.group(g) != null && !m.group(g).isEmpty()) {
                return m.group(g).strip();
            }
        }
        return NO_MATCH;
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

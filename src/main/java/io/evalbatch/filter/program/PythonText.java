package io.evalbatch.filter.program;

import java.util.regex.Pattern;

/** Python's str.strip() and float(), for rules that were written in Python and must match it exactly. */
final class PythonText {

    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(((\\d(_?\\d)*)?\\.?\\d(_?\\d)*|\\d(_?\\d)*\\.)([eE][+-]?\\d(_?\\d)*)?|inf(inity)?|nan)",
            Pattern.CASE_INSENSITIVE);

    private PythonText() {
    }

    /** What Python's str.isspace() calls whitespace. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= '\u001f') || c == '\u0085'
                || c == '\u00a0' || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028'
                || c == '\u2029' || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** float(text), or null where Python raises ValueError. */
    static Double parseFloat(String text) {
        String t = strip(text);
        if (!FLOAT.matcher(t).matches()) {
            return null;
        }
        String plain = t.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        String unsigned = plain.startsWith("+") || plain.startsWith("-") ? plain.substring(1) : plain;
        double sign = plain.startsWith("-") ? -1 : 1;
        if (unsigned.startsWith("inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(plain);
    }
}

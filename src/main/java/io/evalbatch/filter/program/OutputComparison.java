package io.evalbatch.filter.program;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a program's output matches a test case's expected output. {@code checker} is not here:
 * a special judge is a program, run in the sandbox by {@link ProgramFilter}.
 */
@FunctionalInterface
interface OutputComparison {

    boolean matches(String expected, String actual);

    /** Byte for byte. */
    static OutputComparison exact() {
        return String::equals;
    }

    /** Each line stripped of surrounding whitespace; blank lines at the end ignored. */
    static OutputComparison lines() {
        return (expected, actual) -> strippedLines(expected).equals(strippedLines(actual));
    }

    /** As {@link #lines()}, ignoring case. */
    static OutputComparison ignoreCase() {
        return (expected, actual) -> strippedLines(expected.toLowerCase(Locale.ROOT))
                .equals(strippedLines(actual.toLowerCase(Locale.ROOT)));
    }

    /** The same words in the same order, whatever whitespace separates them. */
    static OutputComparison tokens() {
        return (expected, actual) -> Arrays.equals(words(expected), words(actual));
    }

    /**
     * As {@link #tokens()}, but two words that are both numbers match when they differ by at most
     * {@code absolute}, or by at most {@code relative} times the expected one.
     */
    static OutputComparison numbers(double relative, double absolute) {
        return (expected, actual) -> {
            String[] e = words(expected);
            String[] a = words(actual);
            if (e.length != a.length) {
                return false;
            }
            for (int i = 0; i < e.length; i++) {
                if (!e[i].equals(a[i]) && !close(e[i], a[i], relative, absolute)) {
                    return false;
                }
            }
            return true;
        };
    }

    /**
     * SandboxFusion's rule (its check_stdio_test_case with lower_cmp): both outputs stripped and
     * split into lines, a last empty line of the longer one dropped when it is one longer, then
     * lines compared lower-cased and stripped: equal, or both one number within a relative 1e-5.
     */
    static OutputComparison sandboxFusion() {
        return (expected, actual) -> {
            List<String> r = new ArrayList<>(Arrays.asList(PythonText.strip(actual).split("\n", -1)));
            List<String> e = new ArrayList<>(Arrays.asList(PythonText.strip(expected).split("\n", -1)));
            if (r.size() == e.size() + 1 && r.get(r.size() - 1).isEmpty()) {
                r.remove(r.size() - 1);
            } else if (e.size() == r.size() + 1 && e.get(e.size() - 1).isEmpty()) {
                e.remove(e.size() - 1);
            }
            if (r.size() != e.size()) {
                return false;
            }
            for (int i = 0; i < r.size(); i++) {
                String line = PythonText.strip(r.get(i).toLowerCase(Locale.ROOT));
                String want = PythonText.strip(e.get(i).toLowerCase(Locale.ROOT));
                if (line.equals(want)) {
                    continue;
                }
                Double x = PythonText.parseFloat(line);
                Double y = PythonText.parseFloat(want);
                if (x == null || y == null || !(Math.abs(x - y) / Math.max(Math.abs(y), 1e-10) < 1e-5)) {
                    return false;
                }
            }
            return true;
        };
    }

    private static List<String> strippedLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.strip());
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    private static boolean close(String expected, String actual, double relative, double absolute) {
        try {
            BigDecimal e = new BigDecimal(expected);
            BigDecimal a = new BigDecimal(actual);
            double difference = e.subtract(a).abs().doubleValue();
            return difference <= absolute || difference <= relative * e.abs().doubleValue();
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }
}

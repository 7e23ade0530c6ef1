package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each comparator on outputs whose verdict follows from its definition in docs/filters/program.md. */
class OutputComparisonTest {

    @Test
    void exactComparesByteForByte() {
        assertThat(OutputComparison.exact().matches("1 2\n", "1 2\n")).isTrue();
        assertThat(OutputComparison.exact().matches("1 2\n", "1 2")).isFalse();
    }

    @Test
    void linesStripsEachLineAndIgnoresBlankLinesAtTheEnd() {
        OutputComparison lines = OutputComparison.lines();
        assertThat(lines.matches("1 2\n3\n", "  1 2  \n3\n\n\n")).isTrue();
        assertThat(lines.matches("1 2\n3\n", "1  2\n3\n")).isFalse();
        assertThat(lines.matches("1\n\n2\n", "1\n2\n")).isFalse();
        assertThat(lines.matches("YES\n", "yes\n")).isFalse();
    }

    @Test
    void tokensIgnoresHowWhitespaceSeparatesWords() {
        assertThat(OutputComparison.tokens().matches("1 2\n3", "1\n2    3\n")).isTrue();
        assertThat(OutputComparison.tokens().matches("1 2 3", "1 2")).isFalse();
    }

    @Test
    void numbersMatchWithinTheirToleranceAndWordsExactly() {
        OutputComparison numbers = OutputComparison.numbers(1e-6, 1e-9);
        assertThat(numbers.matches("3.141592 x", "3.1415923 x")).isTrue();   // relative 1e-7
        assertThat(numbers.matches("3.141592", "3.1416")).isFalse();          // relative 2.5e-6
        assertThat(numbers.matches("0", "0.0000000001")).isTrue();            // absolute 1e-10
        assertThat(numbers.matches("1e3", "1000")).isTrue();
        assertThat(numbers.matches("x", "y")).isFalse();
    }

    @Test
    void ignoreCaseComparesLinesWhateverTheCase() {
        assertThat(OutputComparison.ignoreCase().matches("YES\nNo", "yes\nno\n")).isTrue();
        assertThat(OutputComparison.ignoreCase().matches("YES", "yes no")).isFalse();
    }

    @Test
    void sandboxFusionsRuleAsItsSourceDefinesIt() {
        OutputComparison rule = OutputComparison.sandboxFusion();
        assertThat(rule.matches("Yes\n", "  yes  ")).isTrue();
        // 1e-5 relative on a line that is one number: 1.000001 is within, 1.0001 not.
        assertThat(rule.matches("1.0", "1.000001")).isTrue();
        assertThat(rule.matches("1.0", "1.0001")).isFalse();
        // Inside a line, whitespace counts, and a line of two numbers is compared as text.
        assertThat(rule.matches("1 2", "1  2")).isFalse();
        assertThat(rule.matches("1.0 2.0", "1.000001 2.0")).isFalse();
        // A last empty line of the longer output is dropped when it is one line longer.
        assertThat(rule.matches("a\n\nb", "a\n\nb\n")).isTrue();
        assertThat(rule.matches("a\nb", "a\nb\nc")).isFalse();
        // Python's float(): "1_000" is a number, "0x10" is not; "inf" and "Infinity" are both
        // infinite, but inf - inf is NaN, and NaN < 1e-5 is false in the source's rule too.
        assertThat(rule.matches("inf", "Infinity")).isFalse();
        assertThat(rule.matches("1000", "1_000")).isTrue();
        assertThat(rule.matches("16", "0x10")).isFalse();
    }
}

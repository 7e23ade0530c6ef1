package io.evalbatch.filter;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Inspect's {@code value_to_float} for a score value written as text (inspect_ai,
 * {@code src/inspect_ai/scorer/_metric.py}): C 1, P 0.5, I and N 0 (as written), yes/true 1 and
 * no/false 0 (any case), a number itself. Empty where Inspect would warn and give 0: evalbatch
 * does not turn text it cannot read into a score.
 */
public final class InspectValues {

    private InspectValues() {
    }

    public static OptionalDouble toFloat(String value) {
        switch (value) {
            case "C":
                return OptionalDouble.of(1);
            case "P":
                return OptionalDouble.of(0.5);
            case "I", "N":
                return OptionalDouble.of(0);
            default:
                break;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> OptionalDouble.of(1);
            case "no", "false" -> OptionalDouble.of(0);
            default -> Numbers.finite(value);
        };
    }
}

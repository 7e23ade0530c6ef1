package io.evalbatch.filter;

import java.util.OptionalDouble;

/** Numbers written as text by a judge, a scorer or a log, read the one way every reader here does. */
public final class Numbers {

    private Numbers() {
    }

    /** The number {@code text} writes (white space around it allowed); empty for anything else, NaN and infinities too. */
    public static OptionalDouble finite(String text) {
        try {
            double number = Double.parseDouble(text.strip());
            return Double.isFinite(number) ? OptionalDouble.of(number) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}

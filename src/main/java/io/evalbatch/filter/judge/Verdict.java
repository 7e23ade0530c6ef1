package io.evalbatch.filter.judge;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * What a judge's reply says: the score, empty when the reply gives none (the judgment is then
 * {@code unrated}), and the fields it was read into.
 */
record Verdict(OptionalDouble score, Map<String, Object> fields) {

    static Verdict unrated() {
        return new Verdict(OptionalDouble.empty(), Map.of());
    }
}

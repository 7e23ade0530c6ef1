package io.evalbatch.filter;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.evalbatch.definition.FilterSpec;
import org.jspecify.annotations.Nullable;

/**
 * One option of a filter, declared once: its name, the values it takes, its default and a line
 * saying what it does. The filter reads its value through the declaration (so the default it uses
 * is the one declared), the catalog checks every option of a job against the declarations before
 * the filter sees them, and {@code evalbatch filters} and the filter pages of the docs list them.
 *
 * @param name        the key under {@code filter:}
 * @param kind        the values it takes
 * @param value       the default value, or null when the default is computed ({@code defaultText}
 *                    says how) or there is none
 * @param defaultText the default as the listing shows it
 * @param low         the smallest number allowed (numbers and integers)
 * @param lowIncluded whether {@code low} itself is allowed
 * @param high        the largest number allowed
 * @param choices     the values allowed, for {@link Kind#CHOICE}
 * @param description one line: what the option does
 * @param keyed       whether the option can change a result, and so is part of every result's cache
 *                    key; false for options that say how a result is had, not what it is (a
 *                    judge's rate budget, its retries), which a rerun may change and still reuse
 */
@io.evalbatch.plugin.Api
public record FilterOption(String name, Kind kind, @Nullable Object value, String defaultText, double low,
                           boolean lowIncluded, double high, List<String> choices, String description,
                           boolean keyed) {

    public FilterOption(String name, Kind kind, @Nullable Object value, String defaultText, double low,
                        boolean lowIncluded, double high, List<String> choices, String description) {
        this(name, kind, value, defaultText, low, lowIncluded, high, choices, description, true);
    }

    /** This option, left out of result cache keys: it says how a result is had, not what it is. */
    public FilterOption unkeyed() {
        return new FilterOption(name, kind, value, defaultText, low, lowIncluded, high, choices, description, false);
    }

    /** The values an option takes; each checks its own type, the filter checks the rest. */
    public enum Kind {
        NUMBER("number"),
        INTEGER("integer"),
        FLAG("true or false"),
        TEXT("text"),
        CHOICE("one of"),
        TEXTS("text or list of texts"),
        INTEGERS("list of integers"),
        MAPPING("mapping"),
        /** A number, or a mapping of settings in its place (a calibrated timeout, say). */
        NUMBER_OR_MAPPING("number");

        private final String shown;

        Kind(String shown) {
            this.shown = shown;
        }
    }

    public FilterOption {
        choices = List.copyOf(choices);
    }

    public static FilterOption number(String name, double value, double low, boolean lowIncluded, double high,
                                      String description) {
        return new FilterOption(name, Kind.NUMBER, value, plain(value), low, lowIncluded, high, List.of(), description);
    }

    public static FilterOption integer(String name, long value, long low, long high, String description) {
        return new FilterOption(name, Kind.INTEGER, value, Long.toString(value), low, true, high, List.of(), description);
    }

    public static FilterOption flag(String name, boolean value, String description) {
        return new FilterOption(name, Kind.FLAG, value, Boolean.toString(value), 0, true, 0, List.of(), description);
    }

    public static FilterOption text(String name, @Nullable String value, String description) {
        return new FilterOption(name, Kind.TEXT, value, value == null ? "—" : value, 0, true, 0, List.of(), description);
    }

    public static FilterOption choice(String name, @Nullable String value, List<String> choices, String description) {
        return new FilterOption(name, Kind.CHOICE, value, value == null ? "—" : value, 0, true, 0, choices, description);
    }

    public static FilterOption texts(String name, List<String> value, String description) {
        return new FilterOption(name, Kind.TEXTS, value, value.isEmpty() ? "—" : "[" + String.join(", ", value) + "]",
                0, true, 0, List.of(), description);
    }

    public static FilterOption integers(String name, String description) {
        return new FilterOption(name, Kind.INTEGERS, List.of(), "[]", 0, true, 0, List.of(), description);
    }

    public static FilterOption mapping(String name, String description) {
        return new FilterOption(name, Kind.MAPPING, null, "—", 0, true, 0, List.of(), description);
    }

    public static FilterOption numberOrMapping(String name, double value, double low, boolean lowIncluded, double high,
                                               String description) {
        return new FilterOption(name, Kind.NUMBER_OR_MAPPING, value, plain(value), low, lowIncluded, high, List.of(),
                description);
    }

    /** The same option with its default shown as {@code text}: a default computed from other options. */
    public FilterOption shownAs(String text) {
        return new FilterOption(name, kind, value, text, low, lowIncluded, high, choices, description, keyed);
    }

    /** The same option without a fixed default: the filter computes it, {@code text} says how. */
    public FilterOption computed(String text) {
        return new FilterOption(name, kind, null, text, low, lowIncluded, high, choices, description);
    }

    /** What values it takes, as the listing shows it: the kind with its range or choices. */
    public String allowed() {
        return switch (kind) {
            case NUMBER, INTEGER -> kind.shown + " " + range();
            case NUMBER_OR_MAPPING -> kind.shown + " " + range() + ", or a mapping";
            case CHOICE -> "one of " + String.join(", ", choices);
            default -> kind.shown;
        };
    }

    private String range() {
        String lowText = (lowIncluded ? "≥ " : "> ") + plain(low);
        return high == Double.MAX_VALUE ? lowText : lowText + ", ≤ " + plain(high);
    }

    /** Why a value the job gives cannot be this option's, or null when it can. */
    public @Nullable String problem(Object given) {
        if (kind == Kind.NUMBER_OR_MAPPING && given instanceof Map<?, ?>) {
            return null;
        }
        return switch (kind) {
            case NUMBER, INTEGER, NUMBER_OR_MAPPING -> {
                if (!(given instanceof Number number)) {
                    yield "must be a" + (kind == Kind.INTEGER ? "n integer" : " number") + ", not '" + given + "'";
                }
                double v = number.doubleValue();
                if (kind == Kind.INTEGER && v != Math.rint(v)) {
                    yield "must be an integer, not " + given;
                }
                yield (lowIncluded ? v >= low : v > low) && v <= high ? null : "must be " + range() + ", not " + given;
            }
            case FLAG -> given instanceof Boolean ? null : "must be true or false, not '" + given + "'";
            case TEXT -> given instanceof String || given instanceof Number ? null : "must be a text, not " + given;
            case CHOICE -> choices.contains(String.valueOf(given)) ? null
                    : "must be one of " + String.join(", ", choices) + ", not '" + given + "'";
            case TEXTS -> given instanceof String
                    || given instanceof List<?> list && list.stream().allMatch(String.class::isInstance)
                    ? null : "must be a text or a list of texts";
            case INTEGERS -> given instanceof List<?> list && list.stream().allMatch(i -> i instanceof Number n
                    && n.doubleValue() == Math.rint(n.doubleValue())) ? null : "must be a list of integers";
            case MAPPING -> given instanceof Map<?, ?> ? null : "must be a mapping";
        };
    }

    /** Whether the job gives this option. */
    public boolean given(FilterSpec spec) {
        return spec.options().containsKey(name);
    }

    public double number(FilterSpec spec) {
        checked(spec);
        return spec.number(name, ((Number) declaredDefault()).doubleValue());
    }

    /** The number the job gives, or {@code computed} when it gives none (for a computed default). */
    public double number(FilterSpec spec, double computed) {
        checked(spec);
        return spec.number(name, computed);
    }

    public int integer(FilterSpec spec) {
        checked(spec);
        return (int) spec.number(name, ((Number) declaredDefault()).doubleValue());
    }

    public boolean flag(FilterSpec spec) {
        checked(spec);
        return spec.flag(name, (Boolean) declaredDefault());
    }

    public String text(FilterSpec spec) {
        checked(spec);
        return spec.text(name, (String) declaredDefault());
    }

    /** The text the job gives, or {@code computed} when it gives none (for a computed default). */
    public String text(FilterSpec spec, String computed) {
        checked(spec);
        return spec.text(name, computed);
    }

    public @Nullable String optionalText(FilterSpec spec) {
        checked(spec);
        return spec.optionalText(name);
    }

    /** The texts the job gives, or the declared default list when it gives none. */
    @SuppressWarnings("unchecked")
    public List<String> texts(FilterSpec spec) {
        checked(spec);
        return given(spec) ? spec.strings(name) : value == null ? List.of() : (List<String>) value;
    }

    public List<Long> integers(FilterSpec spec) {
        checked(spec);
        return spec.integers(name);
    }

    /**
     * The value the job gives must be what the declaration allows: a filter that reads it through
     * here needs no check of its own, whether or not the catalog checked the job first.
     */
    private void checked(FilterSpec spec) {
        Object given = spec.options().get(name);
        String problem = given == null ? null : problem(given);
        if (problem != null) {
            throw spec.invalid(name, problem);
        }
    }

    private Object declaredDefault() {
        return Objects.requireNonNull(value, () -> "option " + name + " has no declared default");
    }

    /** 3 rather than 3.0, 1e-9 rather than 1.0E-9: numbers as a job file would write them. */
    private static String plain(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return new java.math.BigDecimal(Double.toString(number)).stripTrailingZeros().toString()
                .replace("E-", "e-").replace("E+", "e");
    }
}

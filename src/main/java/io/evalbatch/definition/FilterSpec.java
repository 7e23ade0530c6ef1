package io.evalbatch.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The simulation filter of a job and its options, exactly as written in the job definition.
 * Typed getters validate an option when the filter reads it and name the line and YAML path on
 * error. Two specs are equal when they name the same filter with the same options from the same
 * source, wherever in the file those options were written.
 */
@io.evalbatch.plugin.Api
public record FilterSpec(String source, String name, Map<String, Object> options, YamlLines lines) {

    public FilterSpec {
        options = new TreeMap<>(options);
    }

    public FilterSpec(String source, String name, Map<String, Object> options) {
        this(source, name, options, YamlLines.NONE);
    }

    /** The same filter with other options, read from the same place. */
    public FilterSpec withOptions(Map<String, Object> other) {
        return new FilterSpec(source, name, other, lines);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FilterSpec that && source.equals(that.source) && name.equals(that.name)
                && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, name, options);
    }

    public double number(String key, double defaultValue) {
        Object value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw invalid(key, "must be a number, not '" + value + "'");
    }

    public String text(String key, String defaultValue) {
        String value = optionalText(key);
        return value == null ? defaultValue : value;
    }

    /** The option as text, or null when the job does not give it. */
    public @Nullable String optionalText(String key) {
        Object value = options.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        throw invalid(key, "must be a string, not " + value);
    }

    public boolean flag(String key, boolean defaultValue) {
        Object value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw invalid(key, "must be true or false, not '" + value + "'");
    }

    /** A list of strings; a single string is a list of one. */
    public List<String> strings(String key) {
        Object value = options.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(key, "must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text)) {
                throw new InvalidJobDefinitionException(source, lines, "filter." + key + "[" + i + "]", "must be a string");
            }
            result.add(text);
        }
        return List.copyOf(result);
    }

    public List<Long> integers(String key) {
        Object value = options.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(key, "must be a list of integers");
        }
        List<Long> result = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new InvalidJobDefinitionException(source, lines, "filter." + key + "[" + i + "]", "must be an integer");
            }
            result.add(n.longValue());
        }
        return List.copyOf(result);
    }

    public InvalidJobDefinitionException invalid(String key, String reason) {
        return new InvalidJobDefinitionException(source, lines, "filter." + key, reason);
    }
}

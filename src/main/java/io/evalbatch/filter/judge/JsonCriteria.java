package io.evalbatch.filter.judge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.Numbers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A verdict given as a JSON object whose named criteria are each a number (or true / false, 1 / 0):
 * one judgment, several fields — {@code {"accuracy": 4, "helpfulness": 5}} becomes fields
 * {@code accuracy} and {@code helpfulness}, for field metrics, and the score is their mean. The
 * object is the whole reply, or the one in a {@code ```json} block, or the text from the first
 * {@code {} to the last {@code }}. A reply without it, or without a number for every criterion, is
 * unrated.
 */
final class JsonCriteria implements VerdictRule {

    private static final Pattern FENCED = Pattern.compile("```(?:json)?\\s*(\\{.*?})\\s*```", Pattern.DOTALL);

    private final List<String> criteria;
    private final JsonMapper json;

    JsonCriteria(List<String> criteria, JsonMapper json) {
        this.criteria = List.copyOf(criteria);
        this.json = json;
    }

    @Override
    public Verdict read(String reply) {
        JsonNode object = object(reply);
        if (object == null) {
            return Verdict.unrated();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        double sum = 0;
        for (String criterion : criteria) {
            OptionalDouble value = number(object.get(criterion));
            if (value.isEmpty()) {
                return Verdict.unrated();
            }
            fields.put(criterion, value.getAsDouble());
            sum += value.getAsDouble();
        }
        return new Verdict(OptionalDouble.of(sum / criteria.size()), fields);
    }

    private @Nullable JsonNode object(String reply) {
        JsonNode whole = parse(reply.strip());
        if (whole != null) {
            return whole;
        }
        Matcher fenced = FENCED.matcher(reply);
        if (fenced.find()) {
            JsonNode inBlock = parse(fenced.group(1));
            if (inBlock != null) {
                return inBlock;
            }
        }
        int first = reply.indexOf('{');
        int last = reply.lastIndexOf('}');
        return first >= 0 && last > first ? parse(reply.substring(first, last + 1)) : null;
    }

    private @Nullable JsonNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static OptionalDouble number(@Nullable JsonNode value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return Double.isFinite(value.doubleValue()) ? OptionalDouble.of(value.doubleValue()) : OptionalDouble.empty();
        }
        if (value.isBoolean()) {
            return OptionalDouble.of(value.booleanValue() ? 1 : 0);
        }
        if (value.isString()) {
            return Numbers.finite(value.stringValue());
        }
        return OptionalDouble.empty();
    }
}

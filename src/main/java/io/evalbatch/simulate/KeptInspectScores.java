package io.evalbatch.simulate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.InspectValues;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For samples read from Inspect logs: adds the scores Inspect gave each sample to what the run's
 * filter computed, as fields {@code inspect.<scorer>} (a field name holds no colon: metrics of it are
 * named {@code inspect.<scorer>:mean}), so that Inspect's verdict can be
 * aggregated and compared with evalbatch's like any field. Values as Inspect's
 * {@code value_to_float} reads them ({@link InspectValues}); any other text is kept as text.
 */
final class KeptInspectScores implements SimulationFilter {

    private final SimulationFilter filter;
    private final JsonMapper json = JsonMapper.builder().build();

    KeptInspectScores(SimulationFilter filter) {
        this.filter = filter;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        FilterResult result = filter.evaluate(sample);
        if (result == null || sample.doc() == null) {
            return result;
        }
        JsonNode scores = json.readTree(sample.doc()).path("scores");
        if (!scores.isObject() || scores.isEmpty()) {
            return result;
        }
        Map<String, Object> fields = new LinkedHashMap<>(result.fields());
        scores.properties().forEach(score -> {
            Object value = value(score.getValue().path("value"));
            if (value != null) {
                fields.put("inspect." + score.getKey(), value);
            }
        });
        return new FilterResult(result.outcome(), result.score(), result.answer(), result.detail(), fields,
                result.cpu());
    }

    private static @Nullable Object value(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        if (!value.isString()) {
            return null;
        }
        OptionalDouble number = InspectValues.toFloat(value.stringValue().strip());
        return number.isPresent() ? (Object) number.getAsDouble() : value.stringValue();
    }

    @Override
    public void close() {
        filter.close();
    }
}

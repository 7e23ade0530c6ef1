package io.evalbatch.filter.judge;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The judgment an MT-bench sample asks for, from its doc (as the mt-bench input format writes it). */
final class MtBenchSamples {

    private MtBenchSamples() {
    }

    /** @throws IllegalArgumentException when the sample does not come from the mt-bench input format */
    static MtBenchItem item(Sample sample, JsonMapper json) {
        if (sample.doc() == null) {
            throw new IllegalArgumentException("the mt-bench preset judges samples of the mt-bench input format, and "
                    + "this one has no question with it");
        }
        JsonNode doc;
        try {
            doc = json.readTree(sample.doc());
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the sample's doc is not JSON: " + e.getOriginalMessage());
        }
        JsonNode reference = doc.get("reference");
        return new MtBenchItem(doc.path("question_id").asInt(), doc.path("category").asString(""),
                texts(doc.get("turns"), "turns"), texts(doc.get("answers"), "answers"),
                reference == null || reference.isNull() ? null : texts(reference, "reference"),
                doc.path("turn").asInt(1));
    }

    private static List<String> texts(JsonNode array, String field) {
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("the sample's doc has no list '" + field + "' (the mt-bench preset "
                    + "judges samples of the mt-bench input format)");
        }
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asString()));
        return texts;
    }
}

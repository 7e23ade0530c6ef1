package io.evalbatch.filter.program;

import java.util.ArrayList;
import java.util.List;

import io.evalbatch.filter.Sample;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What the program filter reads from a sample's doc (its problem's and its own extra fields): the
 * language, unless the job fixes one, and MultiPL-E's stop tokens.
 *
 * @param language the evalbatch name of the language; empty when neither the job nor the doc names one
 */
record SampleDoc(String language, List<String> stopTokens) {

    static SampleDoc of(Sample sample, String fixedLanguage, ObjectMapper json) {
        JsonNode doc = sample.doc() == null ? json.createObjectNode() : json.readTree(sample.doc());
        List<String> stopTokens = new ArrayList<>();
        doc.path("stop_tokens").forEach(t -> stopTokens.add(t.asString()));
        String language = fixedLanguage != null ? fixedLanguage
                : Languages.canonicalName(doc.path("language").asString(""));
        return new SampleDoc(language, List.copyOf(stopTokens));
    }
}

package io.evalbatch.filter.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Inspect's model-graded scorers, {@code model_graded_qa} and {@code model_graded_fact}
 * (inspect_ai, {@code src/inspect_ai/scorer/_model.py}; MIT licence, bundled with it): their grading
 * templates and default instructions, as that file holds them, and the neutralizing of
 * {@code [BEGIN DATA]} / {@code [END DATA]} in what comes from the sample, which keeps a response
 * from closing the data block of the prompt it is judged in.
 */
final class InspectGrading {

    private static final String RESOURCE = "inspect-model-graded.json";
    private static final Pattern DELIMITER = Pattern.compile("\\[(BEGIN|END) DATA\\]", Pattern.CASE_INSENSITIVE);

    private final JsonNode texts;

    InspectGrading(JsonMapper json) {
        try (InputStream in = Objects.requireNonNull(InspectGrading.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            this.texts = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The grading template of {@code model-graded-qa} or {@code model-graded-fact}. */
    String template(String preset) {
        return texts.required(preset).stringValue();
    }

    /** Inspect's default instructions, with the partial-credit grade P or without. */
    String instructions(boolean partialCredit) {
        return texts.required(partialCredit ? "instructions-partial-credit" : "instructions").stringValue();
    }

    /** {@code [END DATA]} → {@code [END-DATA]}, as Inspect does to every value from the sample. */
    static String neutralize(String text) {
        return DELIMITER.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group().replace(" ", "-")));
    }
}

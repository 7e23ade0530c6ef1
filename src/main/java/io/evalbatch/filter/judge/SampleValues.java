package io.evalbatch.filter.judge;

import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import io.evalbatch.filter.Sample;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a judge template's placeholders stand for, from one sample: {@code {response}} (or
 * {@code {answer}}) the response judged, {@code {target}} (or {@code {criterion}}) what it is judged
 * against, {@code {prompt}}, {@code {question}} (an Inspect sample's input text, else the prompt),
 * {@code {task}}, {@code {doc_id}}, any field of the sample's document as {@code {doc.a.b}} (a list
 * item as {@code {doc.turns.0}}), and, as Inspect fills its grading templates, any key of the
 * document's {@code metadata} by its own name. Text is given as is; anything else as its JSON.
 */
final class SampleValues implements Function<String, @Nullable String> {

    private final Sample sample;
    private final Map<String, String> extra;
    private final UnaryOperator<String> dataText;
    private final @Nullable JsonNode doc;

    /**
     * @param extra    values the template's owner gives (Inspect's {@code instructions})
     * @param dataText applied to every value that comes from the sample, not from the job (Inspect
     *                 neutralizes its [BEGIN DATA] markers so)
     */
    SampleValues(Sample sample, Map<String, String> extra, UnaryOperator<String> dataText, JsonMapper json) {
        this.sample = sample;
        this.extra = Map.copyOf(extra);
        this.dataText = dataText;
        this.doc = parse(sample.doc(), json);
    }

    @Override
    public @Nullable String apply(String name) {
        String given = extra.get(name);
        if (given != null) {
            return given;
        }
        String value = switch (name) {
            case "response", "answer" -> sample.response();
            case "target", "criterion" -> target();
            case "prompt" -> sample.prompt();
            case "question" -> question();
            case "task" -> sample.task();
            case "doc_id" -> sample.docId();
            default -> name.startsWith("doc.") ? field(doc, name.substring(4))
                    : doc == null ? null : field(doc.get("metadata"), name);
        };
        return value == null ? null : dataText.apply(value);
    }

    /** Inspect's {@code Target.text}: a list of targets joined; any other sample's own target. */
    private String target() {
        JsonNode target = doc == null ? null : doc.get("target");
        if (target != null && target.isArray()) {
            StringBuilder text = new StringBuilder();
            target.forEach(t -> text.append(t.asString("")));
            return text.toString();
        }
        return sample.test();
    }

    /** Inspect's {@code input_text}: the input when it is text, else the last user message's text. */
    private String question() {
        JsonNode input = doc == null ? null : doc.get("input");
        if (input == null || input.isNull()) {
            return sample.prompt();
        }
        if (input.isString()) {
            return input.stringValue();
        }
        for (int i = input.size() - 1; i >= 0; i--) {
            JsonNode message = input.get(i);
            if ("user".equals(message.path("role").asString(""))) {
                return text(message.get("content"));
            }
        }
        return sample.prompt();
    }

    /** A message's text: its content, or its text parts joined as Inspect joins them. */
    private static String text(@Nullable JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isString()) {
            return content.stringValue();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asString(""))) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }

    private static @Nullable String field(@Nullable JsonNode node, String path) {
        JsonNode at = node;
        for (String step : path.split("\\.")) {
            if (at == null) {
                return null;
            }
            at = at.isArray() && step.matches("\\d+") ? at.get(Integer.parseInt(step)) : at.get(step);
        }
        if (at == null || at.isNull()) {
            return null;
        }
        return at.isString() ? at.stringValue() : at.toString();
    }

    private static @Nullable JsonNode parse(@Nullable String doc, JsonMapper json) {
        if (doc == null) {
            return null;
        }
        try {
            return json.readTree(doc);
        } catch (JacksonException e) {
            return null;
        }
    }
}

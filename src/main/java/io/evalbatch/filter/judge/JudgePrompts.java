package io.evalbatch.filter.judge;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** FastChat's {@code judge_prompts.jsonl}: one prompt per line, by name. */
public final class JudgePrompts {

    private JudgePrompts() {
    }

    /** FastChat's MT-bench judge prompts, as bundled (FastChat's judge_prompts.jsonl, Apache-2.0). */
    public static Map<String, JudgePrompt> mtBench(JsonMapper json) {
        String resource = "mt-bench-judge-prompts.jsonl";
        try (java.io.InputStream in = JudgePrompts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + resource + " is missing from the build");
            }
            return parse(resource, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList(),
                    json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, JudgePrompt> parse(String file, java.util.List<String> lines, JsonMapper json) {
        Map<String, JudgePrompt> prompts = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            try {
                JsonNode row = json.readTree(lines.get(i));
                String name = text(row, "name", where);
                prompts.put(name, new JudgePrompt(name, text(row, "system_prompt", where),
                        NamedTemplate.parse(text(row, "prompt_template", where)), text(row, "output_format", where)));
            } catch (JacksonException e) {
                throw new IllegalArgumentException(where + "not JSON: " + e.getOriginalMessage(), e);
            } catch (IllegalArgumentException e) {
                String reason = String.valueOf(e.getMessage());
                throw new IllegalArgumentException(reason.startsWith(where) ? reason : where + "prompt_template: "
                        + reason, e);
            }
        }
        return prompts;
    }

    private static String text(JsonNode row, String field, String where) {
        JsonNode value = row.get(field);
        if (value == null || !value.isString()) {
            throw new IllegalArgumentException(where + "needs a string field '" + field + "'");
        }
        return value.stringValue();
    }
}

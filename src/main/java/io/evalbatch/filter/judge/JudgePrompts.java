package io.evalbatch.filter.judge;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads FastChat's {@code judge_prompts.jsonl}: one prompt per line, by name. */
public final class JudgePrompts {

    private JudgePrompts() {
    }

    /** @throws IllegalArgumentException naming the file, the line and what is wrong */
    public static Map<String, JudgePrompt> read(Path file, JsonMapper json) {
        Map<String, JudgePrompt> prompts = new LinkedHashMap<>();
        java.util.List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
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

package io.evalbatch.ingest;

import java.util.Optional;

import io.evalbatch.definition.InputFormat;
import tools.jackson.databind.JsonNode;

/**
 * Which of the formats evalbatch reads a record looks like, so that a file given under the wrong
 * format is named for what it is instead of failing on a missing field.
 */
final class FormatGuess {

    private FormatGuess() {
    }

    static Optional<InputFormat> of(JsonNode record) {
        if (record == null || !record.isObject()) {
            return Optional.empty();
        }
        if (record.has("doc_id") && (record.has("resps") || record.has("filtered_resps"))) {
            return Optional.of(InputFormat.LM_EVAL);
        }
        if (record.has("name") && record.has("language") && record.has("completions")) {
            return Optional.of(InputFormat.MULTIPL_E);
        }
        if (record.has("task_id") && record.has("solution")) {
            return Optional.of(InputFormat.EVALPLUS);
        }
        if (record.has("task_id") && record.has("completion")) {
            return Optional.of(InputFormat.HUMAN_EVAL);
        }
        if (record.has("question_id") && record.has("choices") && record.has("model_id")) {
            return Optional.of(InputFormat.MT_BENCH);
        }
        if (record.has("eval") && (record.has("samples") || record.has("version"))) {
            return Optional.of(InputFormat.INSPECT);
        }
        return Optional.empty();
    }
}

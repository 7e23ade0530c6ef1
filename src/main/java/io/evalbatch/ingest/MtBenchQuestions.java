package io.evalbatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * FastChat's MT-bench questions ({@code question.jsonl}: {@code question_id}, {@code category},
 * {@code turns}) with the reference answers of one model ({@code reference_answer/gpt-4.jsonl}:
 * {@code question_id}, {@code choices[0].turns}), by question id.
 */
final class MtBenchQuestions {

    /** @param references null when the reference file has none for the question */
    record Question(String id, String category, List<String> turns, List<String> references) {
    }

    private final Map<String, Question> questions;

    private MtBenchQuestions(Map<String, Question> questions) {
        this.questions = questions;
    }

    /** @param references FastChat's reference answers, or null when the job gives none */
    static MtBenchQuestions load(Path questions, Path references, ObjectMapper json) {
        Map<String, List<String>> answers = new HashMap<>();
        if (references != null) {
            read(references, json, (row, where) -> answers.put(id(row, where), texts(firstChoiceTurns(row, where),
                    "choices[0].turns")));
        }
        Map<String, Question> byId = new HashMap<>();
        read(questions, json, (row, where) -> {
            String id = id(row, where);
            JsonNode category = row.get("category");
            if (category == null || !category.isString()) {
                throw new InvalidInputException(where.file, where.line, "needs a string field 'category'");
            }
            byId.put(id, new Question(id, category.stringValue(), texts(row.get("turns"), "turns"),
                    answers.get(id)));
        });
        if (byId.isEmpty()) {
            throw new InvalidInputException(questions.toString(), 0, "no questions in the questions file");
        }
        return new MtBenchQuestions(Map.copyOf(byId));
    }

    Optional<Question> find(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    /** Where a row is, for messages. */
    private record Where(String file, long line) {
    }

    private interface RowReader {
        void read(JsonNode row, Where where);
    }

    private static void read(Path file, ObjectMapper json, RowReader rows) {
        try (BufferedReader reader = InputFiles.open(file)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode row;
                try {
                    row = json.readTree(line);
                } catch (JacksonException e) {
                    throw new InvalidInputException(file.toString(), number, "not JSON: " + e.getOriginalMessage());
                }
                try {
                    rows.read(row, new Where(file.toString(), number));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(file.toString(), number, String.valueOf(e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String id(JsonNode row, Where where) {
        JsonNode id = row.get("question_id");
        if (id == null || !(id.isIntegralNumber() || id.isString())) {
            throw new InvalidInputException(where.file, where.line, "needs a field 'question_id' (an integer)");
        }
        return id.asString();
    }

    private static JsonNode firstChoiceTurns(JsonNode row, Where where) {
        JsonNode turns = row.path("choices").path(0).path("turns");
        if (!turns.isArray()) {
            throw new InvalidInputException(where.file, where.line, "needs choices[0].turns, a list of answers");
        }
        return turns;
    }

    /** A list of strings, one per turn. */
    static List<String> texts(JsonNode array, String what) {
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty list of strings");
        }
        List<String> texts = new ArrayList<>(array.size());
        for (JsonNode text : array) {
            if (!text.isString()) {
                throw new IllegalArgumentException(what + " must be a list of strings, found " + JsonFields.describe(text));
            }
            texts.add(text.stringValue());
        }
        return texts;
    }
}

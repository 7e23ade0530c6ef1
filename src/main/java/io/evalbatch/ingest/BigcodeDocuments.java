package io.evalbatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bigcode-evaluation-harness generations file (a JSON array with one array of generations per
 * document, in dataset order) read together with its references file (a JSON array of each
 * document's tests, in the same order): one record per document, {@code {"generations": [...],
 * "reference": "..."}}, numbered from 1. Both files are streamed, one document at a time, so a
 * generations file of any size is never held whole.
 */
final class BigcodeDocuments implements InputRecords {

    private final String file;
    private final String referencesFile;
    private final InputStream generationsIn;
    private final InputStream referencesIn;
    private final JsonParser generations;
    private final JsonParser references;
    private final ObjectMapper json;
    /** Reads one element where the array goes on after it. */
    private final ObjectReader elements;
    private long document;

    BigcodeDocuments(Path file, Path referencesFile, ObjectMapper json) throws IOException {
        this.file = file.toString();
        this.referencesFile = String.valueOf(referencesFile);
        this.json = json;
        this.elements = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (referencesFile == null || !Files.isRegularFile(referencesFile)) {
            throw new UnreadableInputException(this.referencesFile, 0, "no such references file");
        }
        this.generationsIn = InputFiles.stream(file);
        this.referencesIn = InputFiles.stream(referencesFile);
        this.generations = json.createParser(generationsIn);
        this.references = json.createParser(referencesIn);
        openArray(generations, this.file, "one array of generations per document");
        openArray(references, this.referencesFile, "one reference per document");
    }

    private void openArray(JsonParser parser, String name, String what) {
        try {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new UnreadableInputException(name, 0, "must be a JSON array: " + what);
            }
        } catch (JacksonException e) {
            throw new UnreadableInputException(name, 0, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public JsonFields next() {
        JsonNode generated = element(generations, file);
        JsonNode reference = element(references, referencesFile);
        if (generated == null && reference == null) {
            return null;
        }
        document++;
        if (generated == null || reference == null) {
            throw new UnreadableInputException(generated == null ? file : referencesFile, document,
                    "ends before document " + document + " while " + (generated == null ? referencesFile : file)
                            + " goes on: generations and references must have one entry per document");
        }
        ObjectNode record = json.createObjectNode();
        record.set("generations", generated);
        record.set("reference", reference);
        return new JsonFields(file, document, record);
    }

    /** The next element of the array, or null at its end. */
    private JsonNode element(JsonParser parser, String name) {
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new UnreadableInputException(name, document + 1, "ends inside the JSON array");
            }
            if (token == JsonToken.END_ARRAY) {
                return null;
            }
            return elements.readTree(parser);
        } catch (JacksonException e) {
            throw new UnreadableInputException(name, document + 1, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public void close() throws IOException {
        generations.close();
        references.close();
        generationsIn.close();
        referencesIn.close();
    }
}

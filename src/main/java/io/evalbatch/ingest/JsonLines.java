package io.evalbatch.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A JSON-lines file, gzip-compressed or not: one JSON object per line. A UTF-8 byte order mark,
 * CRLF and blank lines are accepted; a file that is one JSON array is refused as a whole.
 */
final class JsonLines implements InputRecords {

    private final String file;
    private final BufferedReader reader;
    private final ObjectMapper json;
    private long lineNumber;

    JsonLines(Path file, ObjectMapper json) throws IOException {
        this.file = file.toString();
        this.reader = InputFiles.open(file);
        this.json = json;
    }

    @Override
    public JsonFields next() throws IOException {
        while (true) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            if (lineNumber == 1 && line.strip().equals("[")) {
                // A whole file in the wrong shape, not a line to skip.
                throw new UnreadableInputException(file, lineNumber,
                        "is a JSON array; evalbatch reads JSON lines: one object per line, no enclosing brackets "
                                + "(a bigcode generations file is read with format: bigcode and input.references)");
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (JacksonException e) {
                throw new InvalidInputException(file, lineNumber, "not valid JSON: " + e.getOriginalMessage());
            }
            return new JsonFields(file, lineNumber, node);
        }
    }

    private String readLine() throws IOException {
        try {
            String line = reader.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (CharacterCodingException e) {
            throw new UnreadableInputException(file, lineNumber + 1, "not UTF-8 text");
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new UnreadableInputException(file, lineNumber + 1, "corrupt gzip data: " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}

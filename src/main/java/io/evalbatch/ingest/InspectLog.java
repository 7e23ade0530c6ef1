package io.evalbatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * An Inspect log, {@code .eval} (a ZIP of {@code header.json} and one {@code samples/<id>_epoch_<n>.json}
 * per sample, deflated or zstd-compressed) or {@code .json} (one object whose {@code samples}
 * array follows its {@code eval} spec): one record per sample, {@code {"eval": {...}, "sample": {...}}},
 * in the order of sample id and epoch. Samples are read one at a time.
 */
final class InspectLog implements InputRecords {

    private static final Pattern SAMPLE_ENTRY = Pattern.compile("samples/(.+)_epoch_(\\d+)\\.json");

    private final String file;
    private final ObjectMapper json;
    private final ObjectReader elements;
    private JsonNode eval;
    // .eval
    private ZipFile zip;
    private final Deque<ZipArchiveEntry> entries = new ArrayDeque<>();
    // .json
    private InputStream in;
    private JsonParser parser;
    private long position;

    InspectLog(Path path, ObjectMapper json) throws IOException {
        this.file = path.toString();
        this.json = json;
        this.elements = json.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        if (!Files.isRegularFile(path)) {
            throw new UnreadableInputException(file, 0, Files.isDirectory(path) ? "is a directory, not an Inspect log"
                    : "no such file");
        }
        if (isZip(path)) {
            openEval(path);
        } else {
            openJson(path);
        }
    }

    private static boolean isZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
        }
    }

    private void openEval(Path path) throws IOException {
        try {
            zip = ZipFile.builder().setPath(path).get();
        } catch (IOException e) {
            throw new UnreadableInputException(file, 0, "not a readable .eval (ZIP) log: " + e.getMessage());
        }
        ZipArchiveEntry header = zip.getEntry("header.json");
        if (header == null) {
            throw new UnreadableInputException(file, 0, "has no header.json: not an Inspect .eval log");
        }
        JsonNode root = readEntry(header);
        eval = root.path("eval");
        if (!eval.isObject()) {
            throw new UnreadableInputException(file + ":header.json", 0, "has no 'eval' object");
        }
        List<ZipArchiveEntry> samples = new ArrayList<>();
        zip.getEntries().asIterator().forEachRemaining(e -> {
            if (SAMPLE_ENTRY.matcher(e.getName()).matches()) {
                samples.add(e);
            }
        });
        samples.sort(Comparator.comparing((ZipArchiveEntry e) -> idKey(e.getName())).thenComparingLong(
                e -> epoch(e.getName())));
        entries.addAll(samples);
    }

    /** Numeric ids in number order (2 before 10), then the others by text. */
    private static String idKey(String entry) {
        Matcher m = SAMPLE_ENTRY.matcher(entry);
        m.matches();
        String id = m.group(1);
        return id.matches("\\d{1,18}") ? "0" + String.format("%019d", Long.parseLong(id)) : "1" + id;
    }

    private static long epoch(String entry) {
        Matcher m = SAMPLE_ENTRY.matcher(entry);
        m.matches();
        return Long.parseLong(m.group(2));
    }

    private JsonNode readEntry(ZipArchiveEntry entry) throws IOException {
        if (!zip.canReadEntryData(entry)) {
            throw new UnreadableInputException(file + ":" + entry.getName(), 0, "is compressed with ZIP method "
                    + entry.getMethod() + ", which evalbatch cannot read (deflate and zstd it can)");
        }
        try (InputStream data = zip.getInputStream(entry)) {
            return json.readTree(data);
        } catch (JacksonException e) {
            throw new InvalidInputException(file + ":" + entry.getName(), 0, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private void openJson(Path path) throws IOException {
        in = InputFiles.stream(path);
        try {
            parser = json.createParser(in);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableInputException(file, 0, "is neither an Inspect .eval (ZIP) log nor a JSON log object");
            }
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_OBJECT || token == null) {
                    throw new UnreadableInputException(file, 0, "has no 'samples': an Inspect log without samples "
                            + "(written with --no-log-samples?) holds nothing to score");
                }
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("eval")) {
                    eval = elements.readTree(parser);
                } else if (name.equals("samples")) {
                    if (eval == null) {
                        throw new UnreadableInputException(file, 0, "has its 'samples' before its 'eval' spec");
                    }
                    if (parser.currentToken() != JsonToken.START_ARRAY) {
                        throw new UnreadableInputException(file, 0, "'samples' must be an array");
                    }
                    return;
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new UnreadableInputException(file, 0, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    @Override
    public JsonFields next() throws IOException {
        JsonNode sample;
        String where;
        if (zip != null) {
            ZipArchiveEntry entry = entries.poll();
            if (entry == null) {
                return null;
            }
            where = file + ":" + entry.getName();
            sample = readEntry(entry);
        } else {
            try {
                if (parser.nextToken() == JsonToken.END_ARRAY) {
                    return null;
                }
                sample = elements.readTree(parser);
            } catch (JacksonException e) {
                throw new UnreadableInputException(file, 0, "not valid JSON in sample " + (position + 1) + ": "
                        + e.getOriginalMessage());
            }
            where = file + ":samples[" + position + "]";
        }
        position++;
        ObjectNode record = json.createObjectNode();
        record.set("eval", eval);
        record.set("sample", sample);
        return new JsonFields(where, 0, record);
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
        if (parser != null) {
            parser.close();
        }
        if (in != null) {
            in.close();
        }
    }
}

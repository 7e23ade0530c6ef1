package io.evalbatch.ingest;

import java.io.IOException;
import java.util.List;

import io.evalbatch.filter.Sample;
import io.evalbatch.plugin.PluginJars;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The samples of a file in a plugin's format: each record the plugin reads, checked and numbered.
 * A record the plugin could not have meant (no task, a negative repeat, a document that is not a
 * JSON object) is an invalid line of the file, as a missing field is in evalbatch's own formats;
 * a plugin that fails stops the read with the file, the format, its jar and its message.
 */
final class PluginRecords implements FileSamples {

    private final String runId;
    private final SampleFormat format;
    private final FormatInput input;
    private final SampleRecords records;
    private final ObjectMapper json;
    private long lastLine;

    PluginRecords(String runId, SampleFormat format, FormatInput input, SampleRecords records, ObjectMapper json) {
        this.runId = runId;
        this.format = format;
        this.input = input;
        this.records = records;
        this.json = json;
    }

    static PluginRecords open(String runId, SampleFormat format, FormatInput input, ObjectMapper json) {
        try {
            return new PluginRecords(runId, format, input, format.open(input), json);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failed(format, input, 0, e);
        }
    }

    @Override
    public List<Sample> next(long firstId) {
        SampleRecord record;
        try {
            record = records.next();
        } catch (InvalidInputException e) {
            lastLine = Math.max(lastLine, e.line());
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failed(format, input, lastLine, e);
        }
        if (record == null) {
            return null;
        }
        lastLine = Math.max(lastLine, record.line());
        String file = input.file().toString();
        String task = input.task() != null ? input.task() : record.task();
        String problem = task == null || task.isBlank() ? "no task"
                : record.docId() == null ? "no document id"
                : record.repeat() < 0 ? "repeat " + record.repeat() + " (repeats count from 0)"
                : record.response() == null ? "no response"
                : record.prompt() == null ? "no prompt (an empty one when the response stands alone)"
                : record.test() == null ? "no test"
                : record.doc() != null && !isJsonObject(record.doc()) ? "a doc that is not a JSON object"
                : null;
        if (problem != null) {
            throw new InvalidInputException(file, record.line(), "the " + format.name() + " format read a record with "
                    + problem);
        }
        return List.of(new Sample(runId, firstId, task, record.docId(), record.repeat(), file, record.line(),
                record.prompt(), record.response(), record.test(), record.entryPoint(), null, record.doc()));
    }

    private boolean isJsonObject(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node != null && node.isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static UnreadableInputException failed(SampleFormat format, FormatInput input, long line, Exception e) {
        return new UnreadableInputException(input.file().toString(), line, "the " + format.name() + " format of "
                + PluginJars.of(format.getClass()) + " failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}

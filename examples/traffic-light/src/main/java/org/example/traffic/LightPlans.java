package org.example.traffic;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

import io.evalbatch.ingest.FormatInput;
import io.evalbatch.ingest.InvalidInputException;
import io.evalbatch.ingest.SampleFormat;
import io.evalbatch.ingest.SampleRecord;
import io.evalbatch.ingest.SampleRecords;

/**
 * The {@code light-plans} input format: a CSV file of the plans a model proposed, one per line,
 *
 * <pre>
 * crossing,north_south,east_west,cycles,plan
 * Main St / 1st Ave,20,10,60,green: 30
 * </pre>
 *
 * Each line is a sample of the crossing it names (its document), the plans of one crossing its
 * repeats in file order; the task is the file's name without {@code .csv}, unless the job's
 * {@code input.task} names one. The crossing's traffic becomes the sample's target, in the words
 * the filter reads ("north-south 20, east-west 10, cycles 60").
 *
 * <p>Reading is deterministic (the same file, the same records in the same order) and each call
 * of {@link #open} has its own state, as evalbatch asks of a format.
 */
public class LightPlans implements SampleFormat {

    static final String HEADER = "crossing,north_south,east_west,cycles,plan";

    @Override
    public String name() {
        return "light-plans";
    }

    @Override
    public SampleRecords open(FormatInput input) throws IOException {
        BufferedReader lines = Files.newBufferedReader(input.file(), StandardCharsets.UTF_8);
        String file = input.file().toString();
        String header = lines.readLine();
        if (!HEADER.equals(header == null ? null : header.strip())) {
            lines.close();
            throw new IOException("the first line must be the header " + HEADER);
        }
        String name = input.file().getFileName().toString();
        String task = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        Map<String, Integer> repeats = new HashMap<>();
        return new SampleRecords() {
            long line = 1;

            @Override
            public SampleRecord next() throws IOException {
                String text;
                do {
                    text = lines.readLine();
                    line++;
                } while (text != null && text.isBlank());
                if (text == null) {
                    return null;
                }
                String[] fields = text.split(",", -1);
                if (fields.length != 5) {
                    throw new InvalidInputException(file, line, "expected 5 fields (" + HEADER + "), found "
                            + fields.length);
                }
                String crossing = fields[0].strip();
                int northSouth = count(fields[1], "north_south");
                int eastWest = count(fields[2], "east_west");
                int cycles = count(fields[3], "cycles");
                int repeat = repeats.merge(crossing, 1, Integer::sum) - 1;
                String target = "north-south " + northSouth + ", east-west " + eastWest + ", cycles " + cycles;
                String doc = "{\"crossing\": \"" + crossing.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
                return new SampleRecord(line, task, crossing, repeat, "", fields[4].strip(), target, null, doc);
            }

            private int count(String field, String column) {
                try {
                    int value = Integer.parseInt(field.strip());
                    if (value >= 0) {
                        return value;
                    }
                } catch (NumberFormatException e) {
                    // named below
                }
                throw new InvalidInputException(file, line, column + " must be a whole number from 0, not '"
                        + field.strip() + "'");
            }

            @Override
            public void close() throws IOException {
                lines.close();
            }
        };
    }
}

package io.evalbatch.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.Sample;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problems of a job's inputs, read straight from the files without a run: for each task and
 * document, its first sample. What {@code evalbatch calibrate} measures before any run exists.
 */
public final class InputProblems {

    private InputProblems() {
    }

    /** In input order; invalid lines are skipped as the job's {@code max-invalid} allows, or stop the read. */
    public static List<Sample> of(JobDefinition definition, FormatCatalog formats) {
        Map<String, Sample> first = new LinkedHashMap<>();
        SampleFileReader reader = SampleFileReader.of("calibrate", definition.input(), definition.source(), formats,
                JsonMapper.builder().build());
        reader.open(new ExecutionContext());
        try {
            for (InputItem item = reader.read(); item != null; item = reader.read()) {
                if (item.sample() != null) {
                    first.putIfAbsent(item.sample().task() + "\u0000" + item.sample().docId(), item.sample());
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            reader.close();
        }
        return new ArrayList<>(first.values());
    }
}

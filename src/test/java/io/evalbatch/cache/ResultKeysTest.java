package io.evalbatch.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.Sample;
import org.junit.jupiter.api.Test;

class ResultKeysTest {

    private static final Sample SAMPLE = new Sample("run", 0, "task", "doc", 0, "file", 1, "prompt", "response",
            "test", "entry", null, "{\"q\": 1}");

    private static ResultKeys keys(String version, Map<String, Object> options) {
        return new ResultKeys(new FilterSpec("job.yaml", "python", options), version);
    }

    private static Sample with(String prompt, String response) {
        return new Sample("other-run", 9, "other-task", "other-doc", 3, "other-file", 7, prompt, response,
                SAMPLE.test(), SAMPLE.entryPoint(), "some-filter", SAMPLE.doc());
    }

    @Test
    void keyDependsOnWhatDeterminesTheResultOnly() {
        ResultKeys keys = keys("1", Map.of("timeout", 3.0));
        String key = keys.of(SAMPLE);

        assertThat(key).hasSize(64).matches("[0-9a-f]+");
        assertThat(keys.of(with("prompt", "response"))).as("run, ids, file and position do not matter")
                .isEqualTo(key);
        assertThat(keys.of(with("prompt", "other response"))).isNotEqualTo(key);
        assertThat(keys.of(with("promptr", "esponse"))).as("fields are delimited").isNotEqualTo(key);
        assertThat(keys.of(new Sample("run", 0, "task", "doc", 0, "file", 1, "prompt", "response", "test", "entry",
                null, "{\"q\": 2}"))).as("the document").isNotEqualTo(key);
        assertThat(keys.of(new Sample("run", 0, "task", "doc", 0, "file", 1, "prompt", "response", "test", null,
                null, "{\"q\": 1}"))).as("a null entry point").isNotEqualTo(key);
    }

    @Test
    void keyDependsOnFilterVersionAndEveryOptionButNotTheirOrder() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("timeout", 3.0);
        ab.put("command", List.of("python3", "sim.py"));
        ab.put("parameters", Map.of("x", 1, "y", "z"));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("parameters", new LinkedHashMap<>(Map.of("y", "z", "x", 1)));
        ba.put("command", List.of("python3", "sim.py"));
        ba.put("timeout", 3.0);
        String key = keys("1", ab).of(SAMPLE);

        assertThat(keys("1", ba).of(SAMPLE)).isEqualTo(key);
        assertThat(keys("2", ab).of(SAMPLE)).isNotEqualTo(key);
        Map<String, Object> otherTimeout = new LinkedHashMap<>(ab);
        otherTimeout.put("timeout", 2.0);
        assertThat(keys("1", otherTimeout).of(SAMPLE)).isNotEqualTo(key);
        assertThat(new ResultKeys(new FilterSpec("job.yaml", "command", ab), "1").of(SAMPLE))
                .as("another filter name").isNotEqualTo(key);
    }
}

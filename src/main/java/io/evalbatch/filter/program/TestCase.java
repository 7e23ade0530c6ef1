package io.evalbatch.filter.program;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One stdin/stdout test of a problem: what the program reads and what it must print. */
record TestCase(String input, String output) {

    /**
     * The cases of a sample's tests: a JSON list of {@code {input, output}} objects, as the
     * problems file holds them (CodeContests' {@code stdin}/{@code stdout} names are read too), or
     * the name of a file holding such a list, or one such object per line, relative to
     * {@code directory} (the job file's).
     *
     * @throws IllegalArgumentException saying what is wrong with them
     */
    static List<TestCase> parse(String tests, ObjectMapper json, java.nio.file.Path directory) {
        String text = tests.strip();
        if (!text.startsWith("[") && !text.isEmpty() && !text.contains("\n")) {
            java.nio.file.Path file = directory == null ? java.nio.file.Path.of(text) : directory.resolve(text);
            try {
                String content = java.nio.file.Files.readString(file).strip();
                text = content.startsWith("[") ? content : "[" + String.join(",", content.lines()
                        .filter(l -> !l.isBlank()).toList()) + "]";
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new IllegalArgumentException("cannot read the test cases file " + file + ": " + e.getMessage());
            }
        }
        JsonNode list;
        try {
            list = json.readTree(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the problem's tests are not a list of {input, output} test cases");
        }
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("the problem has no list of {input, output} test cases");
        }
        List<TestCase> cases = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            JsonNode input = c.has("input") ? c.get("input") : c.path("stdin");
            JsonNode output = c.has("output") ? c.get("output") : c.path("stdout");
            if (!input.isString() || !output.isString()) {
                throw new IllegalArgumentException("test case " + i + " needs string fields input and output");
            }
            cases.add(new TestCase(input.stringValue(), output.stringValue()));
        }
        return List.copyOf(cases);
    }
}

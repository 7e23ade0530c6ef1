package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.support.MultiplEReference;
import io.evalbatch.support.Requires;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Every MultiPL-E sample of the reference data, scored by the program filter with the multipl-e
 * preset, gets the status bigcode-evaluation-harness's evaluators gave it (for Java, with
 * javatuples on the run-time class path), and so the same pass count per language.
 */
@Tag("slow")
class MultiplEReferenceTest {

    /**
     * Samples whose status is a race on this side: the reference ran them without a memory limit,
     * the sandbox runs them with 4 GB and 5 s of CPU, and a program that recurses without end
     * reaches one or the other first depending on the machine's speed. Either ending is accepted
     * for them (it is not a pass either way); every other sample must match exactly.
     */
    private static final Map<String, Map<String, String>> RACES = Map.of(
            // tri(n) calls tri(n + 1): Perl's frames fill 4 GB in about as long as 5 s of CPU
            "perl", Map.of("HumanEval_130_tri", "Exception\nException: exit status 1\nOut of memory!"));

    @ParameterizedTest
    @ValueSource(strings = {"javascript", "cpp", "java", "rust", "bash", "perl"})
    void everySampleGetsTheReferenceStatus(String language) throws Exception {
        Requires.language(language);
        Map<String, String> expected = MultiplEReference.statuses(language);
        Map<String, String> actual = score(language);
        Map<String, String> different = new TreeMap<>();
        Map<String, String> races = RACES.getOrDefault(language, Map.of());
        expected.forEach((task, status) -> {
            String got = actual.get(task) == null ? null : actual.get(task).split("\n", 2)[0];
            if (races.containsKey(task) && races.get(task).equals(actual.get(task))) {
                return;
            }
            if (!status.equals(got)) {
                different.put(task, status + " -> " + actual.get(task));
            }
        });
        assertThat(actual).hasSameSizeAs(expected);
        assertThat(different).as(language + ": samples whose status differs from the reference's").isEmpty();
        long passed = expected.values().stream().filter("OK"::equals).count();
        assertThat(actual.values().stream().filter(s -> s.startsWith("OK\n")).count()).isEqualTo(passed);
    }

    /** task id to status and detail (one line each), scored on two threads as a run of two threads would. */
    static Map<String, String> score(String language) throws Exception {
        Map<String, JsonNode> problems = MultiplEReference.rows(MultiplEReference.problems(language));
        Map<String, JsonNode> samples = MultiplEReference.rows(MultiplEReference.samples(language));
        FilterSpec spec = new FilterSpec("test", "program", Map.of("language", language, "preset", "multipl-e"));
        ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);
        provider.validate(spec);
        Map<String, String> statuses = new TreeMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (SimulationFilter filter = provider.create(spec)) {
            List<Future<Map.Entry<String, String>>> pending = new ArrayList<>();
            long id = 0;
            for (Map.Entry<String, JsonNode> sample : samples.entrySet()) {
                JsonNode problem = problems.get(sample.getKey());
                String doc = "{\"language\": \"" + language + "\", \"stop_tokens\": " + problem.path("stop_tokens") + "}";
                Sample s = new Sample("r", id++, "multipl-e", sample.getKey(), 0, "samples", id, problem.path("prompt")
                        .asString(), sample.getValue().path("completion").asString(), problem.path("tests").asString(),
                        null, null, doc);
                pending.add(threads.submit(() -> {
                    FilterResult result = filter.evaluate(s);
                    return Map.entry(s.docId(), result.fields().get("status") + "\n" + result.detail());
                }));
            }
            for (Future<Map.Entry<String, String>> f : pending) {
                Map.Entry<String, String> e = f.get();
                statuses.put(e.getKey(), e.getValue());
            }
        } finally {
            threads.shutdownNow();
        }
        return statuses;
    }
}

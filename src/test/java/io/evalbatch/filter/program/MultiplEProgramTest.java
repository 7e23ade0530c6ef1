package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.evalbatch.support.MultiplEReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The multipl-e preset builds, byte for byte, the program the reference evaluator ran for each answer. */
class MultiplEProgramTest {

    @ParameterizedTest
    @ValueSource(strings = {"javascript", "cpp", "java", "rust", "bash", "perl"})
    void buildsEveryReferenceProgramExactly(String language) {
        Map<String, JsonNode> problems = MultiplEReference.rows(MultiplEReference.problems(language));
        Map<String, JsonNode> samples = MultiplEReference.rows(MultiplEReference.samples(language));
        Map<String, String> expected = MultiplEReference.programs(language);
        List<String> different = new ArrayList<>();
        expected.forEach((task, program) -> {
            JsonNode problem = problems.get(task);
            List<String> stopTokens = new ArrayList<>();
            problem.path("stop_tokens").forEach(t -> stopTokens.add(t.asString()));
            String built = MultiplEProgram.build(language, samples.get(task).path("completion").asString(), stopTokens,
                    problem.path("tests").asString());
            if (!built.equals(program)) {
                different.add(task);
            }
        });
        assertThat(expected).hasSizeGreaterThan(150);
        assertThat(different).as("programs that differ from the reference's").isEmpty();
    }
}

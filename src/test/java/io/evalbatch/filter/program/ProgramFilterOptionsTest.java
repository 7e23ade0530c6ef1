package io.evalbatch.filter.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.ScorerEvents;
import org.junit.jupiter.api.Test;

/** The program filter's options: what a mistake in them says, and what goes into the cache key. */
class ProgramFilterOptionsTest {

    private final ProgramFilterProvider provider = new ProgramFilterProvider(ScorerEvents.NONE);

    @Test
    void theToolchainsVersionIsPartOfTheCacheKey() throws Exception {
        Process gxx = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
        String firstLine = new String(gxx.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .findFirst().orElseThrow();
        String runtime = provider.runtime(new FilterSpec("job.yaml", "program", Map.of("language", "cpp")));
        assertThat(runtime).startsWith("cpp: " + firstLine);
        assertThat(provider.runtime(new FilterSpec("job.yaml", "program", Map.of("language", List.of("cpp", "bash")))))
                .contains("cpp: " + firstLine).contains("bash: GNU bash");
    }

    @Test
    void mistakesAreNamedByTheirPathInTheJobFile() {
        assertThat(error(Map.of())).contains("filter.language").contains("name the language");
        assertThat(error(Map.of("language", "cobol"))).contains("unknown language 'cobol'").contains("filter.languages");
        assertThat(error(Map.of("language", "cpp", "tests", "io", "preset", "multipl-e")))
                .contains("filter.preset").contains("not tests: io");
        assertThat(error(Map.of("language", "python", "preset", "multipl-e"))).contains("filter.preset")
                .contains("not for 'python'");
        assertThat(error(Map.of("language", "cpp", "checker", List.of("python3", "check.py"))))
                .contains("filter.checker").contains("tests: io");
        assertThat(error(Map.of("language", "cpp", "tests", "io", "compare", "fuzzy"))).contains("filter.compare");
        assertThat(error(Map.of("language", "go", "languages", Map.of("go", Map.of("file", "main.go")))))
                .contains("filter.languages.go").contains("needs at least 'file' and 'run'");
        assertThat(error(Map.of("language", "go", "languages", Map.of("go", Map.of("file", "main.go",
                "run", "go run main.go"))))).contains("filter.languages.go.run").contains("list of words");
        assertThat(error(Map.of("language", "cpp", "timeout", -1))).contains("filter.timeout");
    }

    private String error(Map<String, Object> options) {
        Throwable thrown = catchThrowable(() -> provider.settings(new FilterSpec("job.yaml", "program", options)));
        assertThat(thrown).isInstanceOf(InvalidJobDefinitionException.class);
        return thrown.getMessage();
    }
}

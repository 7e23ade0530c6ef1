package io.evalbatch.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.definition.JobDefinitions;
import io.evalbatch.filter.match.ExactMatchFilterProvider;
import io.evalbatch.filter.python.PythonFilterProvider;
import io.evalbatch.filter.testing.TestFilterProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filter options are checked against their declarations: every mistake of a job file at once, each with its line. */
class FilterOptionsTest {

    private final FilterCatalog catalog = new FilterCatalog(List.of(new ExactMatchFilterProvider(),
            new TestFilterProvider(), new PythonFilterProvider(sample -> java.util.OptionalLong.empty(), ScorerEvents.NONE)));

    @TempDir
    Path dir;

    @Test
    void everyUnknownOrInvalidOptionIsReportedAtOnceWithItsLine() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                name: gsm8k
                input: {format: lm-eval, files: [a.jsonl]}
                filter:
                  name: exact-match
                  extract: "#### (\\\\-?[0-9.,]+)"
                  ignore-case: "yes"
                  group-select: 1.5
                  ignroe-numbers: true
                """);
        FilterSpec spec = new JobDefinitions().read(job).filter();
        assertThatThrownBy(() -> catalog.validate(spec))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactly(
                        job + ":6: filter.ignore-case: must be true or false, not 'yes'",
                        job + ":7: filter.group-select: must be an integer, not 1.5",
                        job + ":8: filter.ignroe-numbers: unknown option of filter 'exact-match' (known: extract, "
                                + "group-select, ignore-case, ignore-numbers, ignore-punctuation, regexes-to-ignore)"));
    }

    @Test
    void aNumberOutsideItsRangeSaysTheRange() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                name: t
                input: {format: lm-eval, files: [a.jsonl]}
                filter: {name: test, pass-rate: 1.5, latency-ms: -3}
                """);
        FilterSpec spec = new JobDefinitions().read(job).filter();
        assertThatThrownBy(() -> catalog.validate(spec))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactly(
                        job + ":3: filter.latency-ms: must be ≥ 0, ≤ 3600000, not -3",
                        job + ":3: filter.pass-rate: must be ≥ 0, ≤ 1, not 1.5"));
    }

    /** A number or a calibrated timeout's mapping: a negative number is refused beside the other mistakes. */
    @Test
    void aNumberOrMappingOptionIsCheckedWithTheOthers() throws Exception {
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                name: bad
                input: {format: human-eval, files: [x.jsonl]}
                filter:
                  name: python
                  timeout: -1
                  memory-mb: lots
                  pythn: python3
                """);
        FilterSpec spec = new JobDefinitions().read(job).filter();
        assertThatThrownBy(() -> catalog.validate(spec))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .satisfies(e -> assertThat(e.getMessage().lines().toList()).containsExactly(
                        job + ":5: filter.timeout: must be > 0, ≤ 3600, not -1",
                        job + ":6: filter.memory-mb: must be an integer, not 'lots'",
                        job + ":7: filter.pythn: unknown option of filter 'python' (known: file-size-mb, hash-seed, "
                                + "isolation, memory-mb, preload, processes, program, python, timeout, wall-timeout)"));
        FilterSpec calibrated = new FilterSpec("job.yaml", "python", java.util.Map.of("timeout",
                java.util.Map.of("calibrate", "canonical")));
        assertThat(new PythonFilterProvider(sample -> java.util.OptionalLong.empty(), ScorerEvents.NONE).options()
                .get(0).problem(calibrated.options().get("timeout"))).isNull();
    }

    /**
     * A filter that reads an option through its declaration gets the declaration's check even when
     * no catalog looked at the job first (tests, benchmarks, the calibrate step build specs in code).
     */
    @Test
    void readingAnOptionThroughItsDeclarationChecksIt() {
        FilterOption passRate = new TestFilterProvider().options().stream()
                .filter(o -> o.name().equals("pass-rate")).findFirst().orElseThrow();
        assertThat(passRate.number(new FilterSpec("job.yaml", "test", java.util.Map.of("pass-rate", 0.25))))
                .isEqualTo(0.25);
        assertThatThrownBy(() -> passRate.number(new FilterSpec("job.yaml", "test", java.util.Map.of("pass-rate", 2))))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessage("job.yaml: filter.pass-rate: must be ≥ 0, ≤ 1, not 2");
    }
}

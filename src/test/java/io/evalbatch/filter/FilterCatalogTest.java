package io.evalbatch.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.match.ExactMatchFilterProvider;
import io.evalbatch.filter.testing.TestFilterProvider;
import org.junit.jupiter.api.Test;

class FilterCatalogTest {

    private final FilterCatalog catalog = new FilterCatalog(List.of(new ExactMatchFilterProvider(), new TestFilterProvider()));

    private static FilterSpec filter(String name, Map<String, Object> options) {
        return new FilterSpec("job.yaml", name, options);
    }

    @Test
    void aChunkLeftToTheFilterIsTheFiltersAndAChunkTheJobSetsIsKept() {
        ExecutionSpec unset = new ExecutionSpec(4, 2, ExecutionSpec.FILTER_CHUNK);
        assertThat(catalog.execution(filter("exact-match", Map.of()), unset)).isEqualTo(new ExecutionSpec(4, 2, 1000));
        assertThat(catalog.execution(filter("test", Map.of()), unset)).isEqualTo(new ExecutionSpec(4, 2, 20));
        ExecutionSpec set = new ExecutionSpec(4, 2, 7);
        assertThat(catalog.execution(filter("exact-match", Map.of()), set)).isSameAs(set);
    }

    @Test
    void anUnknownFilterOrOptionIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> catalog.validate(filter("pyhton", Map.of())))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("unknown filter 'pyhton'")
                .hasMessageContaining("exact-match, test");
        assertThatThrownBy(() -> catalog.validate(filter("exact-match", Map.of("extrac", "x"))))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageContaining("extrac");
    }

    @Test
    void onlyTheMatchingFilterExtractsAnswers() {
        assertThat(catalog.extractsAnswers(filter("exact-match", Map.of()))).isTrue();
        assertThat(catalog.extractsAnswers(filter("test", Map.of()))).isFalse();
    }
}

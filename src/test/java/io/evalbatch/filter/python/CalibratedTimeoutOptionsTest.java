package io.evalbatch.filter.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import io.evalbatch.filter.CalibratedTimeout;
import org.junit.jupiter.api.Test;

/** {@code timeout: {calibrate: canonical, ...}}: defaults, and one clear error per bad option. */
class CalibratedTimeoutOptionsTest {

    private final PythonFilterProvider provider = new PythonFilterProvider(sample -> OptionalLong.empty(), io.evalbatch.filter.ScorerEvents.NONE);

    @Test
    void aNumberIsAFixedTimeoutAndAMapACalibratedOne() {
        assertThat(provider.calibratedTimeout(spec(3.0))).isEmpty();
        assertThat(provider.calibratedTimeout(spec(Map.of("calibrate", "canonical"))))
                .contains(new CalibratedTimeout(4.0, 1.0, 3.0));
        CalibratedTimeout custom = provider.calibratedTimeout(spec(Map.of("calibrate", "canonical", "factor", 2,
                "minimum", 0.5, "fallback", 10))).orElseThrow();
        assertThat(custom).isEqualTo(new CalibratedTimeout(2.0, 0.5, 10.0));
        // max(minimum, factor x t): 2 x 100 ms is under the minimum, 2 x 400 ms is not
        assertThat(custom.limitMillis(100)).isEqualTo(500);
        assertThat(custom.limitMillis(400)).isEqualTo(800);
        assertThat(custom.fallbackMillis()).isEqualTo(10_000);
    }

    @Test
    void badCalibrationOptionsNameTheirPath() {
        assertInvalid(Map.of("calibrate", "fastest"), "job.yaml: filter.timeout.calibrate: must be 'canonical'");
        assertInvalid(Map.of("factor", 4.0), "job.yaml: filter.timeout.calibrate: must be 'canonical'");
        assertInvalid(Map.of("calibrate", "canonical", "factor", -1),
                "job.yaml: filter.timeout.factor: must be a number above 0");
        assertInvalid(Map.of("calibrate", "canonical", "minimum", "soon"),
                "job.yaml: filter.timeout.minimum: must be a number above 0");
        assertInvalid(Map.of("calibrate", "canonical", "maximum", 9),
                "job.yaml: filter.timeout.maximum: unknown option of a calibrated timeout");
    }

    private void assertInvalid(Map<String, Object> timeout, String message) {
        assertThatThrownBy(() -> provider.validate(spec(timeout)))
                .isInstanceOf(InvalidJobDefinitionException.class)
                .hasMessageStartingWith(message);
    }

    private static FilterSpec spec(Object timeout) {
        return new FilterSpec("job.yaml", "python", Map.of("timeout", timeout));
    }
}

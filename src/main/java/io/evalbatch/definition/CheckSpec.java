package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * What a run checks with known-good answers before it scores any sample ({@code check:}).
 *
 * @param references   whether each problem's reference solution (HumanEval's
 *                     {@code canonical_solution}, MBPP's {@code code}), where the inputs carry one,
 *                     is scored through the job's own filter before the run is created; null when
 *                     the job leaves it to the filter (the filters that run the problem's tests,
 *                     python and program, check them)
 * @param allowFailing whether the run goes on when a reference solution does not pass (each is
 *                     still listed); otherwise the run is refused
 */
public record CheckSpec(@Nullable Boolean references, boolean allowFailing) {

    /** As the filter says, and a failing reference refuses the run: a broken scorer is found before it scores. */
    public static final CheckSpec DEFAULT = new CheckSpec(null, false);

    public CheckSpec withAllowFailing(boolean replacement) {
        return new CheckSpec(references, replacement);
    }
}

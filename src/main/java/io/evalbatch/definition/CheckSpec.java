package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * What a run checks of its problems before it is created ({@code check:}).
 *
 * @param problems     whether the filter checks that what the problems need is there (the python
 *                     filter: every module their prompts and tests import)
 * @param references   whether each problem's reference solution (HumanEval's
 *                     {@code canonical_solution}, MBPP's {@code code}), where the inputs carry one,
 *                     is scored through the job's own filter; null when the job leaves it to the
 *                     filter (those that run the problem's tests, python and program, check them)
 * @param allowFailing whether the run goes on when a reference solution does not pass (each is
 *                     still listed); otherwise the run is refused
 */
public record CheckSpec(boolean problems, @Nullable Boolean references, boolean allowFailing) {

    /** As the filter says, and a failing reference refuses the run: a broken scorer is found before it scores. */
    public static final CheckSpec DEFAULT = new CheckSpec(true, null, false);

    /** Nothing checked before the run ({@code check: none}). */
    public static final CheckSpec NONE = new CheckSpec(false, false, false);

    public CheckSpec withAllowFailing(boolean replacement) {
        return new CheckSpec(problems, references, replacement);
    }
}

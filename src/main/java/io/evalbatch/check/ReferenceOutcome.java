package io.evalbatch.check;

import org.jspecify.annotations.Nullable;

/**
 * How one problem's reference solution fared through the job's filter.
 *
 * @param outcome the filter's outcome ({@code passed}, {@code failed}, {@code timed_out}, {@code error})
 * @param detail  the filter's reason; null when it gave none
 */
public record ReferenceOutcome(String task, String docId, String outcome, @Nullable String detail) {

    public boolean passed() {
        return outcome.equals("passed");
    }
}

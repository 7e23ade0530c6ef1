package io.evalbatch.check;

import java.util.List;

/**
 * What the reference check found.
 *
 * @param problems the problems of the job's inputs
 * @param checked  the outcome of each problem that has a reference solution, in input order
 */
public record ReferenceReport(int problems, List<ReferenceOutcome> checked) {

    public List<ReferenceOutcome> failing() {
        return checked.stream().filter(r -> !r.passed()).toList();
    }

    /** One line: how many references pass, of how many problems. */
    public String summary() {
        if (checked.isEmpty()) {
            return "no reference solution to check (none of the " + problems + " problems has one)";
        }
        int failing = failing().size();
        return (checked.size() - failing) + " of " + checked.size() + " reference solutions pass through the job's "
                + "filter" + (checked.size() < problems ? " (" + (problems - checked.size()) + " of the " + problems
                + " problems have none)" : "");
    }
}

package io.evalbatch.tally;

/**
 * How many results of one task and outcome took {@code ms} whole milliseconds on one clock.
 *
 * @param clock   "wall", "cpu" (where the filter measures CPU time), or "none" for a task's
 *                unscored samples (outcome "unscored", {@code ms} null)
 * @param reused  of those, how many were taken from earlier runs (wall clock only)
 */
public record TimeCount(String clock, String task, String outcome, Long ms, long samples, long reused) {

    public boolean wall() {
        return clock.equals("wall");
    }

    public boolean cpu() {
        return clock.equals("cpu");
    }
}

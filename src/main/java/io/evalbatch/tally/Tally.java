package io.evalbatch.tally;

/**
 * The counts a completed run's tally holds.
 *
 * @param slowestKept how many of the run's slowest results {@code tally_slowest} lists, longest first
 */
public record Tally(long samples, long results, long slowestKept) {

    public boolean unscoredLeft() {
        return samples > results;
    }

    /** Whether the list of slowest results holds every result of the run. */
    public boolean slowestComplete() {
        return slowestKept >= results;
    }
}

package io.evalbatch.board;

/** Where a cell stands against the best of its column. */
public enum Standing {
    /** The best value of the column. */
    BEST,
    /** Not the best, but within noise of it: the 95 % interval of the difference holds 0. */
    TIE,
    /** Worse than the best beyond noise. */
    BEHIND
}

package io.evalbatch.filter;

/** How scoring one sample ended. Stored in {@code result.outcome} under {@link #key()}. */
@io.evalbatch.plugin.Api
public enum Outcome {
    PASSED("passed"),
    FAILED("failed"),
    TIMED_OUT("timed_out"),
    /** The filter could not score the sample (a crash of the scorer, not of the response). */
    ERROR("error"),
    /**
     * A judge answered without a rating the verdict rule can read: neither a pass nor the scorer's
     * error; counted and shown, and left out of every metric, as FastChat's show_result leaves out -1.
     */
    UNRATED("unrated");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}

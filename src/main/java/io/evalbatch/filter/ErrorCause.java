package io.evalbatch.filter;

/**
 * Why the scorer could not score a sample, for an {@link Outcome#ERROR}: a handful of causes a person
 * acts on differently (install a package, look at the machine, fix the simulator, fix the input).
 * Stored in the error's {@code error} field and counted by cause in {@code /metrics}; the detail
 * keeps the full reason.
 */
@io.evalbatch.plugin.Api
public enum ErrorCause {
    /** Something the problem's own tests load (a module, a library, a header) is missing from the machine. */
    MISSING_DEPENDENCY("missing_dependency"),
    /** The sandbox that runs the program died, twice. */
    SANDBOX("sandbox"),
    /** The external simulator died or broke its protocol. */
    SIMULATOR("simulator"),
    /** A remote endpoint (a judge model) did not answer, or answered with an error, after its retries. */
    ENDPOINT("endpoint"),
    /** The sample cannot be scored as given (no language, malformed test cases). */
    INPUT("input"),
    /** The filter itself failed (an exception, no result). */
    FILTER("filter");

    private final String key;

    ErrorCause(String key) {
        this.key = key;
    }

    /** The cause as stored and as the {@code cause} tag of the error counter. */
    public String key() {
        return key;
    }
}

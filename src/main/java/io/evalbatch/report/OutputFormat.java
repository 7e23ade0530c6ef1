package io.evalbatch.report;

/** How a command prints its result on standard output. */
public enum OutputFormat {
    /** aligned columns for people */
    table,
    /** RFC 4180 CSV with a header line */
    csv,
    /** one JSON object */
    json
}

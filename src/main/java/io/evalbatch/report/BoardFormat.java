package io.evalbatch.report;

/** How {@code evalbatch board} prints: the terminal's table, CSV, JSON, or a Markdown table for a paper or a PR. */
public enum BoardFormat {
    table, csv, json, markdown
}

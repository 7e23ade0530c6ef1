/**
 * What commands and pages read and print of runs: the read models ({@code RunListings}: run
 * overviews, step seconds, sample listings and details), tables, CSV and JSON of runs, metrics,
 * samples and comparisons, the filters and their options, the lm-eval and Inspect exports, with
 * model output escaped for the terminal.
 */
@NullMarked
package io.evalbatch.report;

import org.jspecify.annotations.NullMarked;

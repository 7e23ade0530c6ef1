/**
 * What commands print: tables, CSV and JSON of runs, metrics, samples and comparisons, the
 * lm-eval and Inspect exports, with model output escaped for the terminal.
 */
package io.evalbatch.report;

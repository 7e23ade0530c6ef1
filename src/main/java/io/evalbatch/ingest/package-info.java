/**
 * The ingest step: input files in every supported format (human-eval, evalplus, lm-eval, bigcode,
 * MultiPL-E, Inspect) read into samples and copied into the database, invalid lines recorded.
 */
package io.evalbatch.ingest;

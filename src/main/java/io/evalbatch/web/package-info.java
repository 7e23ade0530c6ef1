/**
 * {@code evalbatch serve} and {@code evalbatch report}: the stored runs as web pages and a JSON API
 * (runs, a run's metrics and outcomes, its samples paged from the database, one sample, two runs
 * compared, a job's trend), read-only, with every piece of model output escaped.
 */
package io.evalbatch.web;

/**
 * Runs: creating, launching, restarting and stopping them, their stored state and progress, and the
 * job of steps (ingest, calibrate, simulate, metrics) each one executes.
 */
package io.evalbatch.run;

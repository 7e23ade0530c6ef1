package io.evalbatch.filter;

import java.util.OptionalLong;

/**
 * The calibrated CPU limit of each problem of a run ({@link CalibratedTimeout}), as the run's
 * calibrate step stored it, for filters to enforce per sample.
 */
public interface ProblemTimeouts {

    /** The CPU milliseconds the samples of this sample's problem get; empty when none was calibrated. */
    OptionalLong cpuLimitMillis(Sample sample);
}

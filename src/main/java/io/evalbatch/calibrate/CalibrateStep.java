package io.evalbatch.calibrate;

import org.springframework.batch.core.step.Step;

/**
 * The {@code calibrate} step of every run: each problem's CPU limit, where the filter asks for
 * calibrated timeouts. A type of its own, so that the jobs that run it take it by type and their
 * shape shows in their imports.
 */
public record CalibrateStep(Step step) {
}

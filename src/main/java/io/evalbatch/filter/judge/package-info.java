/**
 * Model-graded scoring: the messages a judge model is sent for a sample, and how its reply is read
 * as a verdict. {@link io.evalbatch.filter.judge.MtBenchJudge} builds FastChat's MT-bench single
 * grading byte for byte and {@link io.evalbatch.filter.judge.RatingRule} reads its
 * {@code [[rating]]}; {@code InspectGrading} and {@code InspectGrade} are Inspect's model-graded
 * scorers; {@code SampleValues} fills the job's own templates. Every request passes the process's
 * {@code EndpointGate} for its endpoint, which keeps the rate budgets, and {@code JudgeCall}
 * retries what passes.
 */
@NullMarked
package io.evalbatch.filter.judge;

import org.jspecify.annotations.NullMarked;

package io.evalbatch.step;

import org.springframework.batch.core.step.StepInterruptionPolicy;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.stereotype.Component;

/**
 * What every chunk step of an evaluation needs to come through crashes and stops: its position
 * stored as it starts ({@link RestartPosition}), an end at the next chunk boundary once its run is
 * asked to stop ({@link StopOnRequest}), and the crash point of the crash tests
 * ({@link CrashPoints}). One call, so that no step is built with one of them missing.
 */
@Component
public class ChunkStepGuards {

    private final RestartPosition restartPosition;
    private final StopOnRequest stopOnRequest;
    private final CrashPoints crashPoints;

    ChunkStepGuards(RestartPosition restartPosition, StopOnRequest stopOnRequest, CrashPoints crashPoints) {
        this.restartPosition = restartPosition;
        this.stopOnRequest = stopOnRequest;
        this.crashPoints = crashPoints;
    }

    /** @param phase the name crash points use for the step: ingest, simulate or metrics */
    public <I, O> ChunkOrientedStepBuilder<I, O> guard(ChunkOrientedStepBuilder<I, O> step, String phase) {
        return step.listener(restartPosition)
                .interruptionPolicy(stopOnRequest)
                .listener(crashPoints.forStep(phase));
    }

    /**
     * As {@link #guard(ChunkOrientedStepBuilder, String)}, with a further reason to end the step at a
     * chunk boundary (a cap on spend), asked after a stop request.
     */
    public <I, O> ChunkOrientedStepBuilder<I, O> guard(ChunkOrientedStepBuilder<I, O> step, String phase,
                                                       StepInterruptionPolicy also) {
        return guard(step, phase).interruptionPolicy(execution -> {
            stopOnRequest.checkInterrupted(execution);
            also.checkInterrupted(execution);
        });
    }
}

package io.evalbatch.filter.command;

/** A simulator misbehaved while scoring a sample; the sample is an error and the simulator is replaced. */
final class SimulatorFailure extends Exception {

    SimulatorFailure(String message) {
        super(message);
    }
}

package io.evalbatch.filter.command;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How to start and talk to an external simulator.
 *
 * @param command     program and arguments, started once per scoring thread
 * @param directory   its working directory
 * @param environment names of evalbatch's environment variables passed on; no other is
 * @param timeout     longest wait for one reply, wall clock
 * @param parameters  the job's parameters, sent with every request
 * @param sandbox     whether the simulator runs in the program sandbox (for simulators that
 *                    execute model output themselves)
 */
record SimulatorSettings(List<String> command, Path directory, List<String> environment, Duration timeout,
                         Map<String, Object> parameters, boolean sandbox) {

    SimulatorSettings {
        command = List.copyOf(command);
        environment = List.copyOf(environment);
        parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
    }
}

package io.evalbatch.filter.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.SandboxUsers;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: command, command: [python3, sim.py], timeout: 30, ...}}: scores each sample
 * with a long-lived external program that speaks JSON lines (protocol in the README).
 */
@Component
public class CommandFilterProvider implements FilterProvider {

    static final double DEFAULT_TIMEOUT_SECONDS = 60;
    /** Variables that carry no secret and that most programs need to start. */
    static final List<String> DEFAULT_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");

    private final ScorerEvents events;

    public CommandFilterProvider(ScorerEvents events) {
        this.events = events;
    }

    @Override
    public String name() {
        return "command";
    }

    /**
     * The protocol's version. The simulator's own behaviour is versioned by the {@code version}
     * option, which is part of the cache key like every option.
     */
    @Override
    public String version() {
        return "1";
    }

    @Override
    public Set<String> options() {
        return Set.of("command", "directory", "environment", "timeout", "parameters", "version", "sandbox");
    }

    @Override
    public void validate(FilterSpec spec) {
        settings(spec);
    }

    /** The request line the simulator is sent for the sample. */
    @Override
    public java.util.Optional<String> program(FilterSpec spec, io.evalbatch.filter.Sample sample) {
        return java.util.Optional.of(new SimulatorProtocol(settings(spec).parameters()).request(sample));
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new CommandFilter(settings(spec), events);
    }

    static SimulatorSettings settings(FilterSpec spec) {
        if (spec.options().get("command") instanceof String text && text.strip().contains(" ")) {
            throw spec.invalid("command", "must be a list of the program and its arguments, as ["
                    + String.join(", ", text.strip().split("\\s+")) + "]: evalbatch runs no shell, so a string is one "
                    + "program name");
        }
        List<String> command = spec.strings("command");
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw spec.invalid("command", "missing: give the program and its arguments, as [python3, simulator.py]");
        }
        String directoryText = spec.optionalText("directory");
        // A job file's definition always has one (its own directory by default); a definition
        // made in code without one runs the simulator in the current directory.
        Path directory = directoryText == null ? Path.of("").toAbsolutePath() : Path.of(directoryText);
        if (!Files.isDirectory(directory)) {
            throw spec.invalid("directory", "no such directory: " + directory);
        }
        List<String> environment = spec.options().containsKey("environment")
                ? spec.strings("environment") : DEFAULT_ENVIRONMENT;
        for (String name : environment) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw spec.invalid("environment", "'" + name + "' is not an environment variable name");
            }
        }
        double timeout = spec.number("timeout", DEFAULT_TIMEOUT_SECONDS);
        if (!(timeout > 0) || timeout > 86_400) {
            throw spec.invalid("timeout", "must be a number of seconds between 0 and 86400");
        }
        Object parameters = spec.options().getOrDefault("parameters", Map.of());
        if (!(parameters instanceof Map<?, ?> map)) {
            throw spec.invalid("parameters", "must be a mapping, sent as is with every request");
        }
        spec.optionalText("version");
        boolean sandbox = spec.flag("sandbox", false);
        if (sandbox && SandboxUsers.runningAsRoot() && !readableByOthers(directory)) {
            throw spec.invalid("sandbox", "the sandboxed simulator runs as an unprivileged user, who cannot enter "
                    + directory + ": make it readable by others (chmod o+rx) or move the simulator");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> typed = (Map<String, Object>) map;
        return new SimulatorSettings(program(command, directory), directory, environment,
                Duration.ofMillis(Math.round(timeout * 1000)), typed, sandbox);
    }

    private static boolean readableByOthers(Path directory) {
        try {
            return Files.getPosixFilePermissions(directory).containsAll(java.util.Set.of(
                    java.nio.file.attribute.PosixFilePermission.OTHERS_READ,
                    java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** A program given as a relative path ("./sim") is found in the working directory, not in evalbatch's. */
    private static List<String> program(List<String> command, Path directory) {
        String program = command.get(0);
        if (program.contains("/") && !Path.of(program).isAbsolute()) {
            List<String> resolved = new java.util.ArrayList<>(command);
            resolved.set(0, directory.resolve(program).normalize().toString());
            return resolved;
        }
        return command;
    }
}

package io.evalbatch.filter.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterOption;
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

    static final FilterOption COMMAND = FilterOption.texts("command", List.of(), "the simulator's program and "
            + "arguments, as [python3, simulator.py]; a relative path with a slash (./sim) is found in directory")
            .shownAs("(required)");
    static final FilterOption DIRECTORY = FilterOption.text("directory", null, "working directory, relative to the "
            + "job file").shownAs("the job file's directory");
    /** Variables that carry no secret and that most programs need to start. */
    static final FilterOption ENVIRONMENT = FilterOption.texts("environment", List.of("PATH", "HOME", "LANG",
            "LC_ALL", "TZ"), "evalbatch's environment variables passed on to the simulator; no other is");
    static final FilterOption TIMEOUT = FilterOption.number("timeout", 60, 0, false, 86400,
            "seconds to wait for one reply");
    static final FilterOption PARAMETERS = FilterOption.mapping("parameters", "sent as is with every request");
    static final FilterOption VERSION = FilterOption.text("version", null, "your simulator's version: part of the "
            + "cache key, change it when the simulator changes");
    static final FilterOption SANDBOX = FilterOption.flag("sandbox", false, "run each simulator process in the "
            + "program sandbox, for a simulator that executes model output");
    private static final List<FilterOption> OPTIONS = List.of(COMMAND, DIRECTORY, ENVIRONMENT, TIMEOUT, PARAMETERS,
            VERSION, SANDBOX);

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
    public String description() {
        return "sends each sample to an external simulator in any language, spoken to in JSON lines";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
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
        List<String> command = COMMAND.texts(spec);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw spec.invalid("command", "missing: give the program and its arguments, as [python3, simulator.py]");
        }
        String directoryText = DIRECTORY.optionalText(spec);
        // A job file's definition always has one (its own directory by default); a definition
        // made in code without one runs the simulator in the current directory.
        Path directory = directoryText == null ? Path.of("").toAbsolutePath() : Path.of(directoryText);
        if (!Files.isDirectory(directory)) {
            throw spec.invalid("directory", "no such directory: " + directory);
        }
        List<String> environment = ENVIRONMENT.texts(spec);
        for (String name : environment) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw spec.invalid("environment", "'" + name + "' is not an environment variable name");
            }
        }
        double timeout = TIMEOUT.number(spec);
        Object parameters = spec.options().getOrDefault(PARAMETERS.name(), Map.of());
        if (!(parameters instanceof Map<?, ?> map)) {
            throw spec.invalid("parameters", "must be a mapping, sent as is with every request");
        }
        VERSION.optionalText(spec);
        boolean sandbox = SANDBOX.flag(spec);
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

package io.evalbatch.filter.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts long-lived commands (a simulator that executes model output itself) in the same
 * confinement as the sandbox's programs: {@code sandbox.py} sets it up, executes the command on
 * its own standard streams and ends with it, taking along everything the command started.
 */
public final class Confinement implements AutoCloseable {

    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    private final Path directory;
    private final Path script;
    private final String python;
    private final SandboxUsers users;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Executables.Found> found = new java.util.concurrent.ConcurrentHashMap<>();

    public Confinement() {
        try {
            this.directory = Files.createTempDirectory("evalbatch-confinement-");
            this.script = directory.resolve("sandbox.py");
            try (InputStream in = Confinement.class.getResourceAsStream("sandbox.py")) {
                Files.copy(in, script);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sandbox: " + e.getMessage(), e);
        }
        this.python = Executables.locate("python3", System.getenv().getOrDefault("PATH", PATH)).path();
        this.users = new SandboxUsers(Path.of(System.getProperty("java.io.tmpdir"), "evalbatch-sandbox-users"));
    }

    /** A command to start in the confinement, and the user id it holds until {@link #close()}. */
    public record Launch(List<String> command, SandboxUsers.Lease user) implements AutoCloseable {

        @Override
        public void close() {
            user.close();
        }
    }

    /**
     * The command that runs {@code command} confined, in {@code workingDirectory}, with exactly
     * {@code environment}; its program is looked up on evalbatch's PATH.
     *
     * @throws Executables.NotUsable when the program cannot be found
     */
    public Launch wrap(List<String> command, Map<String, String> environment, Path workingDirectory, int memoryMb,
                       int processes, int fileSizeMb) {
        // Looked up once per program: a pyenv shim is resolved by starting Python.
        Executables.Found program = found.computeIfAbsent(command.get(0),
                name -> Executables.locate(name, System.getenv().getOrDefault("PATH", PATH)));
        Set<String> expose = new LinkedHashSet<>(program.directories());
        expose.add(workingDirectory.toString());
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program.path());
        SandboxUsers.Lease user = users.acquire();
        ObjectNode settings = json.createObjectNode();
        user.uid().ifPresent(uid -> settings.put("uid", uid));
        settings.put("memory_mb", memoryMb);
        settings.put("file_size_mb", fileSizeMb);
        settings.put("scratch_mb", fileSizeMb);
        settings.put("processes", processes);
        settings.put("isolation", "auto");
        settings.putArray("preload");
        expose.forEach(settings.putArray("expose")::add);
        ObjectNode confine = settings.putObject("confine");
        argv.forEach(confine.putArray("argv")::add);
        ObjectNode env = confine.putObject("env");
        environment.forEach(env::put);
        confine.put("cwd", workingDirectory.toString());
        confine.put("memory_mb", memoryMb);
        confine.put("processes", processes);
        return new Launch(List.of(python, "-S", "-s", script.toString(), json.writeValueAsString(settings)), user);
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(script);
            Files.deleteIfExists(directory);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}

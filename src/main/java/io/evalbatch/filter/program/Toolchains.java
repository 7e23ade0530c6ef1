package io.evalbatch.filter.program;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds each language's programs before any sample runs, so that a missing or broken toolchain
 * refuses the run (naming the language and the command) instead of scoring every sample zero.
 */
final class Toolchains {

    private final String path;

    /** @param path the PATH to look programs up on: evalbatch's own */
    Toolchains(String path) {
        this.path = path == null ? "/usr/local/bin:/usr/bin:/bin" : path;
    }

    /** @throws ToolchainException naming what could not be found or run */
    Toolchain resolve(Language language) {
        Set<String> directories = new LinkedHashSet<>();
        Map<String, String> found = new java.util.HashMap<>();
        for (String program : language.programs()) {
            found.put(program, locate(language, program, directories));
        }
        List<String> version = substitute(language.version(), found, language, directories);
        String printed = run(language, version);
        return new Toolchain(language, substitute(language.compile(), found, language, directories),
                substitute(language.run(), found, language, directories), printed, new ArrayList<>(directories));
    }

    private List<String> substitute(List<String> command, Map<String, String> found, Language language,
                                    Set<String> directories) {
        if (command.isEmpty()) {
            return command;
        }
        List<String> resolved = new ArrayList<>(command);
        String program = command.get(0);
        resolved.set(0, found.computeIfAbsent(program, p -> p.startsWith("./") || p.contains("{")
                ? p : locate(language, p, directories)));
        return resolved;
    }

    /**
     * The program's path. A launcher that would need an environment the sandbox does not pass
     * (a rustup proxy, a pyenv shim) is replaced by the program it launches.
     */
    private String locate(Language language, String program, Set<String> directories) {
        Path file = program.contains("/") ? Path.of(program) : onPath(program);
        if (file == null || !Files.isExecutable(file)) {
            throw new ToolchainException(language.name(), program, program.contains("/")
                    ? "no such executable file" : "not found on PATH (" + path + ")");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new ToolchainException(language.name(), program, e.getMessage());
        }
        if (real.getFileName().toString().equals("rustup")) {
            String sysroot = run(language, List.of(file.toString(), "--print", "sysroot")).strip();
            directories.add(sysroot);
            return Path.of(sysroot, "bin", file.getFileName().toString()).toString();
        }
        if (program.startsWith("python") && isScript(real)) {
            String[] lines = run(language, List.of(file.toString(), "-c",
                    "import sys; print(sys.executable); print(sys.base_prefix)")).split("\n");
            directories.add(lines[lines.length - 1].strip());
            return lines[0].strip();
        }
        Path home = real.getParent() == null ? null : real.getParent().getParent();
        if (home != null) {
            directories.add(home.toString());
        }
        return file.toString();
    }

    private Path onPath(String program) {
        for (String directory : path.split(":")) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, program);
                if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private static boolean isScript(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == '#' && head[1] == '!';
        } catch (IOException e) {
            return false;
        }
    }

    /** What the command prints (its first two non-blank lines), or why it failed. */
    private String run(Language language, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> !Set.of("PATH", "HOME", "LANG", "LC_ALL").contains(k));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readNBytes(1 << 16), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ToolchainException(language.name(), String.join(" ", command), "no answer within 60 s");
            }
            if (process.exitValue() != 0) {
                throw new ToolchainException(language.name(), String.join(" ", command), "exit status "
                        + process.exitValue() + firstLines(output).transform(t -> t.isEmpty() ? "" : ": " + t));
            }
            return firstLines(output);
        } catch (IOException e) {
            throw new ToolchainException(language.name(), String.join(" ", command), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolchainException(language.name(), String.join(" ", command), "interrupted");
        }
    }

    private static String firstLines(String output) {
        return String.join("\n", output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList());
    }

    /** A language that cannot be used on this machine. */
    static final class ToolchainException extends RuntimeException {

        ToolchainException(String language, String command, String reason) {
            super("language '" + language + "': `" + command + "` failed: " + reason);
        }
    }
}

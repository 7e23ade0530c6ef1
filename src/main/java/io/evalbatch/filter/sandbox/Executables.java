package io.evalbatch.filter.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Finds the program a command names as the sandbox must execute it: by path, not through a
 * launcher that needs an environment the sandbox does not pass (a rustup proxy, a pyenv shim),
 * with the directories the sandbox user must be able to read for it.
 */
public final class Executables {

    /** A program found: its path, and the directory tree it lives in (to expose in the sandbox). */
    public record Found(String path, List<String> directories) {
    }

    /** Why a program cannot be used: not found, or it failed when asked about itself. */
    public static final class NotUsable extends RuntimeException {

        public NotUsable(String command, String reason) {
            super("`" + command + "` failed: " + reason);
        }
    }

    private Executables() {
    }

    /** @param path the PATH to look a bare name up on */
    public static Found locate(String program, String path) {
        Path file = program.contains("/") ? Path.of(program) : onPath(program, path);
        if (file == null || !Files.isExecutable(file)) {
            throw new NotUsable(program, program.contains("/") ? "no such executable file"
                    : "not found on PATH (" + path + ")");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw new NotUsable(program, String.valueOf(e.getMessage()));
        }
        if (real.getFileName().toString().equals("rustup")) {
            String sysroot = output(List.of(file.toString(), "--print", "sysroot")).strip();
            return new Found(Path.of(sysroot, "bin", file.getFileName().toString()).toString(), List.of(sysroot));
        }
        if (file.getFileName().toString().startsWith("python") && isScript(real)) {
            String[] lines = output(List.of(file.toString(), "-c",
                    "import sys; print(sys.executable); print(sys.base_prefix)")).split("\n");
            return new Found(lines[0].strip(), List.of(lines[lines.length - 1].strip()));
        }
        Path home = real.getParent() == null ? null : real.getParent().getParent();
        return new Found(file.toString(), home == null ? List.of() : List.of(home.toString()));
    }

    /**
     * What the command prints on standard output and error, run with no more of evalbatch's
     * environment than PATH, HOME and the locale.
     */
    public static String output(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> environment = builder.environment();
            environment.keySet().removeIf(k -> !Set.of("PATH", "HOME", "LANG", "LC_ALL").contains(k));
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readNBytes(1 << 16), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new NotUsable(String.join(" ", command), "no answer within 60 s");
            }
            if (process.exitValue() != 0) {
                String head = String.join(" | ", output.lines().map(String::strip).filter(l -> !l.isEmpty())
                        .limit(2).toList());
                throw new NotUsable(String.join(" ", command), "exit status " + process.exitValue()
                        + (head.isEmpty() ? "" : ": " + head));
            }
            return output;
        } catch (IOException e) {
            throw new NotUsable(String.join(" ", command), String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotUsable(String.join(" ", command), "interrupted");
        }
    }

    private static @Nullable Path onPath(String program, String path) {
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
}

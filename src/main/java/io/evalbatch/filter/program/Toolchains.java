package io.evalbatch.filter.program;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.evalbatch.filter.sandbox.Executables;

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
        try {
            for (String program : language.programs()) {
                found.put(program, locate(program, directories));
            }
            List<String> version = substitute(language.version(), found, directories);
            String printed = firstLines(Executables.output(version));
            return new Toolchain(language, substitute(language.compile(), found, directories),
                    substitute(language.run(), found, directories), printed, new ArrayList<>(directories));
        } catch (Executables.NotUsable e) {
            throw new ToolchainException(language.name(), e.getMessage());
        }
    }

    private List<String> substitute(List<String> command, Map<String, String> found, Set<String> directories) {
        if (command.isEmpty()) {
            return command;
        }
        List<String> resolved = new ArrayList<>(command);
        String program = command.get(0);
        resolved.set(0, found.computeIfAbsent(program, p -> p.startsWith("./") || p.contains("{")
                ? p : locate(p, directories)));
        return resolved;
    }

    private String locate(String program, Set<String> directories) {
        Executables.Found found = Executables.locate(program, path);
        directories.addAll(found.directories());
        return found.path();
    }

    private static String firstLines(String output) {
        return String.join("\n", output.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(2).toList());
    }

    /** A language that cannot be used on this machine. */
    static final class ToolchainException extends RuntimeException {

        ToolchainException(String language, String reason) {
            super("language '" + language + "': " + reason);
        }
    }
}

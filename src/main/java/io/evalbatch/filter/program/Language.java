package io.evalbatch.filter.program;

import java.util.List;
import java.util.Map;

/**
 * How to build and run programs of one language: a language profile. Commands name their
 * program by name (looked up on PATH when the run starts) or path, and may use {@code {file}}
 * (the source file), {@code {class}} (Java: the class whose main runs the tests) and
 * {@code {support}} (evalbatch's support directory: javatuples, the C++ precompiled header).
 *
 * @param name        the language's name in job files
 * @param file        the source file's name
 * @param compile     the compile command; empty for interpreted languages
 * @param run         the run command
 * @param version     the command whose output names the toolchain's version (part of every
 *                    result's cache key)
 * @param compileLimits limits of the compile step
 * @param runLimits   limits of each run
 * @param environment variables added to the sandbox's PATH, HOME, LANG and TMPDIR
 * @param token       how the program confirms its tests ran to the end
 * @param precompiledHeader for C++: the header whose precompiled form is forced in when the
 *                    source includes it (saves two thirds of a compile); null for none
 * @param warmCompiler for Java: compile with the sandbox's warm compiler (the same javac, in a
 *                    JVM kept running) instead of the compile command, which a job's own
 *                    {@code compile} turns off
 */
record Language(String name, String file, List<String> compile, List<String> run, List<String> version,
                StepLimits compileLimits, StepLimits runLimits, Map<String, String> environment,
                CompletionToken token, String precompiledHeader, boolean warmCompiler) {

    Language {
        compile = List.copyOf(compile);
        run = List.copyOf(run);
        version = List.copyOf(version);
        environment = Map.copyOf(environment);
    }

    boolean compiled() {
        return !compile.isEmpty();
    }

    /** The programs its commands start, by the name or path written. */
    List<String> programs() {
        java.util.LinkedHashSet<String> programs = new java.util.LinkedHashSet<>();
        if (compiled()) {
            programs.add(compile.get(0));
        }
        if (!run.get(0).startsWith("./") && !run.get(0).contains("{")) {
            programs.add(run.get(0));
        }
        return List.copyOf(programs);
    }
}

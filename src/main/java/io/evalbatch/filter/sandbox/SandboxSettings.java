package io.evalbatch.filter.sandbox;

import java.util.List;

/**
 * How a sandbox confines and times one program.
 *
 * @param python         interpreter command
 * @param hashSeed       PYTHONHASHSEED of the interpreters
 * @param timeoutSeconds CPU seconds a program may use
 * @param wallSeconds    elapsed seconds a program may take, for programs that sleep or block
 * @param memoryMb       address-space limit of the program
 * @param fileSizeMb     largest file the program may write, and size of each scratch file system
 * @param processes      processes the program may have at once (when it runs as its own user)
 * @param isolation      {@code auto}, {@code namespaces} or {@code basic}
 * @param preload        modules the warm interpreter imports before it forks programs
 * @param expose         directories programs must be able to read although an ancestor is private
 *                       to evalbatch's user (a toolchain under /root)
 * @param javaCompiler   the command that starts the warm Java compiler, or empty for none
 */
public record SandboxSettings(String python, String hashSeed, double timeoutSeconds, double wallSeconds, int memoryMb,
                              int fileSizeMb, int processes, String isolation, List<String> preload,
                              List<String> expose, List<String> javaCompiler) {

    /**
     * What HumanEval-style programs import most: imported once by the server instead of once per
     * program ({@code typing} alone costs a program about 10 ms). Modules that install fork
     * handlers (threading, random) are left out: they would make every fork dearer.
     */
    public static final List<String> DEFAULT_PRELOAD = List.of("typing", "math", "re", "collections", "itertools",
            "functools", "string");

    public SandboxSettings {
        preload = List.copyOf(preload);
        expose = List.copyOf(expose);
        javaCompiler = List.copyOf(javaCompiler);
    }

    /** Settings of a sandbox for Python programs only. */
    public SandboxSettings(String python, String hashSeed, double timeoutSeconds, double wallSeconds, int memoryMb,
                           int fileSizeMb, int processes, String isolation, List<String> preload) {
        this(python, hashSeed, timeoutSeconds, wallSeconds, memoryMb, fileSizeMb, processes, isolation, preload,
                List.of(), List.of());
    }
}

package io.evalbatch.filter.python;

import java.util.List;

/**
 * How a Python sandbox confines and times one program.
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
 */
record SandboxSettings(String python, String hashSeed, double timeoutSeconds, double wallSeconds, int memoryMb,
                       int fileSizeMb, int processes, String isolation, List<String> preload) {

    /**
     * What HumanEval-style programs import most: imported once by the server instead of once per
     * program ({@code typing} alone costs a program about 10 ms). Modules that install fork
     * handlers (threading, random) are left out: they would make every fork dearer.
     */
    static final List<String> DEFAULT_PRELOAD = List.of("typing", "math", "re", "collections", "itertools",
            "functools", "string");

    SandboxSettings {
        preload = List.copyOf(preload);
    }
}

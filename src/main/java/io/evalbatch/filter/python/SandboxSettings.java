package io.evalbatch.filter.python;

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
 */
record SandboxSettings(String python, String hashSeed, double timeoutSeconds, double wallSeconds, int memoryMb,
                       int fileSizeMb, int processes, String isolation) {
}

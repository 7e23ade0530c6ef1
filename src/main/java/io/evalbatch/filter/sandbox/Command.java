package io.evalbatch.filter.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One command for the sandbox to execute in a confined child: a compiler, a compiled program, an
 * interpreter with its source. Files start a session (a fresh working directory holding them) that
 * lasts until a command marked {@code last}.
 *
 * @param files       file name to content, written into a new working directory; empty to reuse
 *                    the session's
 * @param addedFiles  files written into the session's working directory before this command
 *                    (a checker's input, expected and actual output), replacing what is there
 * @param argv        the program (an absolute path, or one relative to the working directory) and
 *                    its arguments
 * @param environment the command's whole environment: nothing else is passed on
 * @param stdin       standard input, or null for none
 * @param limits      CPU and wall-clock seconds
 * @param memoryMb    address-space limit
 * @param processes   processes and threads the sandbox user may have at once
 * @param outputBytes how much of standard output is kept
 * @param stderrBytes how much of standard error is kept: its head and its tail
 * @param token       whether the command gets descriptor 3, whose content is returned
 * @param last        whether the session ends after this command
 * @param javaSource  when not null, this is no command but a compilation by the sandbox's warm
 *                    Java compiler of that file of the session's {@code files}, {@code argv}
 *                    being javac's options; the class files land in the working directory
 */
public record Command(Map<String, String> files, Map<String, String> addedFiles, List<String> argv,
                      Map<String, String> environment, String stdin, TimeLimits limits, int memoryMb, int processes,
                      int outputBytes, int stderrBytes, boolean token, boolean last, String javaSource) {

    public Command {
        files = Map.copyOf(files);
        addedFiles = Map.copyOf(addedFiles);
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }
}

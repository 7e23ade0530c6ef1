package io.evalbatch.filter.program;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.evalbatch.filter.sandbox.SandboxSettings;
import io.evalbatch.filter.sandbox.TimeLimits;

/**
 * Everything the program filter needs, validated.
 *
 * @param toolchains  the languages samples may use, found on this machine
 * @param language    the one language of every sample, or null when each sample's (or its
 *                    problem's) {@code language} field says
 * @param io          stdin/stdout test cases rather than unit tests
 * @param source      how a sample becomes a program
 * @param comparison  how an io case's output is compared (unless a checker judges it)
 * @param checker     the special judge's command, or empty
 * @param checkerFiles files of the job's directory the checker needs, by name, with their content
 * @param stopAtFirstFailure whether an io sample stops at its first failing case
 * @param run         each run's CPU and wall-clock seconds, or null for each language's own
 * @param compile     the compile step's, or null for each language's own
 * @param precompiledHeaders C++ toolchains' forced header, by language name
 * @param warmJava    whether Java compiles with the sandbox's warm compiler
 * @param support     the directory {@code {support}} names
 * @param sandbox     how the sandbox confines commands
 * @param directory   the job file's directory, where test case files and checkers are found
 */
record ProgramSettings(Map<String, Toolchain> toolchains, String language, boolean io, ProgramSource source,
                       OutputComparison comparison, List<String> checker, Map<String, String> checkerFiles,
                       boolean stopAtFirstFailure, TimeLimits run, TimeLimits compile,
                       Map<String, Path> precompiledHeaders, boolean warmJava, Path support,
                       SandboxSettings sandbox, Path directory) {
}

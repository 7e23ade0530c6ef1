package io.evalbatch.filter.program;

import java.util.List;

/**
 * A language ready to run: its profile with each command's program found (a path the sandbox
 * can execute), what its version command printed, and the directories the sandbox must be able
 * to read for it.
 */
record Toolchain(Language language, List<String> compile, List<String> run, String version,
                 List<String> directories) {

    Toolchain {
        compile = List.copyOf(compile);
        run = List.copyOf(run);
        directories = List.copyOf(directories);
    }
}

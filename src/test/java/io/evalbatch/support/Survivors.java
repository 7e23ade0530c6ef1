package io.evalbatch.support;

import java.util.List;

/** Processes a sandboxed program may have left behind, as "pid command line", for tests that there are none. */
public final class Survivors {

    private Survivors() {
    }

    /** Processes whose arguments hold {@code marker}, a word a hostile program gave its daemon. */
    public static List<String> marked(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .map(Survivors::describe).toList();
    }

    /** Processes of the sandbox users (61000 and up). */
    public static List<String> ofSandboxUsers() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().user().map(u -> u.matches("61\\d\\d\\d")).orElse(false))
                .map(Survivors::describe).toList();
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse(process.info().user().orElse("?"));
    }
}

package io.evalbatch.filter.python;

import java.util.List;

/**
 * A program that leaves a process behind — a grandchild in a session of its own that ignores
 * SIGTERM and outlives its parents — and the way to find it afterwards: its command line carries
 * a marker no other process on the machine has.
 */
record Leftovers(String marker) {

    /** Starts the leftover, waits a little, then fails with "scored". */
    String program() {
        return "import posix, signal, time\n"
                + "if posix.fork() == 0:\n"
                + "    posix.setsid()\n"
                + "    if posix.fork() == 0:\n"
                + "        signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
                + "        posix.execv('/bin/sleep', ['sleep', '" + marker + "'])\n"
                + "    posix._exit(0)\n"
                + "time.sleep(0.3)\n"
                + "assert False, 'scored'\n";
    }

    /** Processes still running with the marker: pid and command line. */
    List<String> survivors() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                .toList();
    }
}

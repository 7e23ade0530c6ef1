package io.evalbatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.evalbatch.run.RunService;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While {@code run} or {@code restart} executes a run: the first SIGINT (Ctrl-C) or SIGTERM asks the
 * run to stop after the chunks in flight have committed, so it ends STOPPED and {@code restart}
 * continues it; a second one ends the process at once, which {@code restart} recovers from like
 * from a crash. The JVM's own handling (shutdown hooks, which would close the database under the
 * running job) is restored afterwards.
 */
final class StopOnSignal implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Runnable stop;
    private final String stopping;
    private final String quitting;
    private final PrintWriter err;
    private final AtomicBoolean received = new AtomicBoolean();
    private final List<Signal> installed = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    StopOnSignal(RunService runs, PrintWriter err) {
        this(runs::stopAll, "stopping once the chunks in flight have committed",
                "'evalbatch restart' continues the run", err);
    }

    /**
     * @param stop     what the first signal does
     * @param stopping what the first signal starts, for the user
     * @param quitting what is left after a second signal, for the user
     */
    StopOnSignal(Runnable stop, String stopping, String quitting, PrintWriter err) {
        this.stop = stop;
        this.stopping = stopping;
        this.quitting = quitting;
        this.err = err;
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            previous.add(Signal.handle(signal, this::received));
            installed.add(signal);
        }
    }

    private void received(Signal signal) {
        if (received.compareAndSet(false, true)) {
            err.println("SIG" + signal.getName() + " received: " + stopping + " (send it again to quit at once)");
            err.flush();
            stop.run();
        } else {
            err.println("SIG" + signal.getName() + " received again: quitting now; " + quitting);
            err.flush();
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < installed.size(); i++) {
            Signal.handle(installed.get(i), previous.get(i));
        }
    }
}

package io.evalbatch.store;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches a start of the server for {@code pg_ctl}'s word that it failed. The embedded library
 * waits its whole startup time for a server to answer even when the server has already exited
 * (a corrupt data directory, say); interrupting the starting thread ends that wait at once.
 */
final class StartWatch {

    private final ServerLog log;
    private final Thread starting;
    private final Thread watcher;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean over = new AtomicBoolean();

    private StartWatch(ServerLog log, Thread starting) {
        this.log = log;
        this.starting = starting;
        this.watcher = new Thread(this::watch, "evalbatch-postgres-start");
        watcher.setDaemon(true);
    }

    /** Starts watching {@code log} on behalf of the calling thread. */
    static StartWatch of(ServerLog log) {
        StartWatch watch = new StartWatch(log, Thread.currentThread());
        watch.watcher.start();
        return watch;
    }

    private void watch() {
        while (!over.get()) {
            if (log.startFailed()) {
                failed.set(true);
                starting.interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Ends the watch; true when the start failed, and then the starting thread's interruption,
     * meant for the library's wait only, is cleared.
     */
    boolean end() {
        over.set(true);
        watcher.interrupt();
        try {
            watcher.join();
        } catch (InterruptedException e) {
            // the watcher's own interruption of this thread, just before it ended
        }
        if (failed.get()) {
            Thread.interrupted();
            return true;
        }
        return false;
    }
}

package io.evalbatch.cli;

import java.util.concurrent.CountDownLatch;

/**
 * For the commands that serve until stopped ({@code db}, {@code serve}): blocks until the JVM is
 * asked to stop (Ctrl-C, SIGTERM), after which the caller's try-with-resources closes the context
 * and with it the embedded database.
 */
final class UntilShutdown {

    private UntilShutdown() {
    }

    static void await(String name) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, name + "-stop"));
        stopped.await();
    }
}

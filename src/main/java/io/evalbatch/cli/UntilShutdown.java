package io.evalbatch.cli;

import org.springframework.context.ConfigurableApplicationContext;

import java.util.concurrent.CountDownLatch;

/**
 * For the commands that serve until stopped ({@code db}, {@code serve}): blocks until the JVM is
 * asked to stop (Ctrl-C, SIGTERM). The context is closed in the shutdown hook itself — the JVM
 * ends when its hooks have, so a close left to the caller could be cut short — and with it the
 * embedded database, which a last user stops; the caller's own close is then a no-op.
 */
final class UntilShutdown {

    private UntilShutdown() {
    }

    static void await(String name, ConfigurableApplicationContext context) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                context.close();
            } finally {
                stopped.countDown();
            }
        }, name + "-stop"));
        stopped.await();
    }
}

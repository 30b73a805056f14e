package dev.podsift.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a long-running command ({@code serve}, {@code worker}) alive until Ctrl-C or SIGTERM, then gives its
 * try-with-resources up to 30 s to close cleanly (running tasks finish, the mail connection says QUIT).
 */
final class UntilStopped {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    UntilStopped() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
    }

    /** Blocks until the process is asked to stop. */
    void await() throws InterruptedException {
        stop.await();
    }

    /** Call once everything is closed (in a finally). */
    void closed() {
        closed.countDown();
    }
}

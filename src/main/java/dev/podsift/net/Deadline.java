package dev.podsift.net;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cuts a request off when its whole run passes a limit, so a server that drips a byte a second (or sends headers
 * and then nothing) cannot hold a run: the abort makes the blocked read fail, and {@link #error} says why.
 */
final class Deadline implements AutoCloseable {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-deadline");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean expired = new AtomicBoolean();
    private final ScheduledFuture<?> task;
    private final Duration limit;

    Deadline(Runnable abort, Duration limit) {
        this.limit = limit;
        this.task = TIMER.schedule(() -> {
            expired.set(true);
            abort.run();
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean expired() {
        return expired.get();
    }

    FeedException error(String url, String setting) {
        long s = limit.toSeconds();
        return FeedException.temporary(url + " took longer than the whole-request limit of "
                + (s >= 120 ? s / 60 + " min" : s + " s") + " (" + setting + ")", null);
    }

    @Override
    public void close() {
        task.cancel(false);
    }
}

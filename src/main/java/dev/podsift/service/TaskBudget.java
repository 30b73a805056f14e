package dev.podsift.service;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs one task's work on a thread of its own with a time budget on the service's clock. Past the budget the work is
 * interrupted (the pipeline stops between episodes, the extractor between batches of sentences), the overrun is
 * logged, and the task fails, so the scheduler lets go of its claim and tries it again at its next turn.
 */
public final class TaskBudget {
    /** Thrown when the work ran past its budget and was cancelled. */
    public static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    /** How often the clock is read while waiting; the grace a cancelled piece of work gets to stop. */
    private static final long CHECK_MILLIS = 250;
    private static final long GRACE_MILLIS = 30_000;

    private final InstantSource clock;
    private final Consumer<String> log;

    public TaskBudget(InstantSource clock, Consumer<String> log) {
        this.clock = clock;
        this.log = log;
    }

    /** Runs {@code work} as task {@code name}; throws {@link Exceeded} when it had to be cancelled. */
    public void run(String name, Duration budget, BackgroundTasks.Work work) throws Exception {
        Instant deadline = clock.instant().plus(budget);
        FutureTask<Void> job = new FutureTask<>(() -> {
            work.run();
            return null;
        });
        Thread worker = new Thread(job, "podsift-" + name);
        worker.setDaemon(true);
        worker.start();
        try {
            while (true) {
                try {
                    job.get(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                    return;
                } catch (TimeoutException stillRunning) {
                    if (!clock.instant().isBefore(deadline)) {
                        break;
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (InterruptedException shutdown) {
            worker.interrupt(); // the scheduler is stopping: the work stops too
            Thread.currentThread().interrupt();
            throw shutdown;
        }
        worker.interrupt();
        boolean stopped = awaitStop(worker);
        String message = "task " + name + ": over its time budget of " + minutes(budget) + " (PODSIFT_TASK_BUDGET_MINUTES"
                + ", PODSIFT_DELIVER_BUDGET_MINUTES for deliver); cancelled" + (stopped ? ""
                : ", but it has not stopped yet (blocked in a read); it is left to finish on its own")
                + "; it runs again at its next turn";
        log.accept(message);
        throw new Exceeded(message);
    }

    private static boolean awaitStop(Thread worker) {
        try {
            worker.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !worker.isAlive();
    }

    private static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}

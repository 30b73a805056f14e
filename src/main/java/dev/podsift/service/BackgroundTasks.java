package dev.podsift.service;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.logging.LogLevel;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The service's background work. Two tasks live in the database as db-scheduler tasks, so any number of processes
 * sharing it (one {@code serve} on SQLite, or {@code serve} + {@code worker}s on PostgreSQL) run each due one once:
 * <ul>
 *   <li>{@code refresh-feeds} (every PODSIFT_POLL_MINUTES): read followed feeds, transcribe and analyse new episodes;
 *   <li>{@code scan-feed} (one-off, per podcast): read one feed right after someone follows it;
 *   <li>{@code prepare-digest} (one-off, per subscriber): read their feeds not read lately, then send today's digest
 *   (someone asked for it now).
 * </ul>
 * {@code deliver} (plan the day's digests whose local time has come and send them) runs on a thread of its own in
 * every process, so a long refresh or scan never delays a digest; its rows are claimed one by one with guarded
 * updates, so several processes delivering at once send each digest once.
 *
 * <p>Every run has a time budget ({@link TaskBudget}); a process that dies holding a task stops its heartbeat, and
 * another takes the task over after PODSIFT_TASK_DEAD_MINUTES.
 */
public final class BackgroundTasks implements AutoCloseable {
    /** One piece of work a task runs. */
    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    /** Work on one podcast. */
    @FunctionalInterface
    public interface PodcastWork {
        void run(long podcastId) throws Exception;
    }

    /**
     * How the tasks run: the refresh interval, threads for refresh and scans, each run's time budget (deliver has
     * its own), after how long without a heartbeat a task's holder counts as dead, and how often deliver looks.
     */
    public record Settings(Duration pollInterval, int threads, Duration taskBudget, Duration deliverBudget,
                           Duration deadAfter, Duration deliverEvery) {
    }

    /** A scheduled execution, for the admin page. */
    public record Row(String task, String instance, Instant next, boolean running, Instant lastSuccess,
                      Instant lastFailure, int failures) {
    }

    /** Heartbeats missed before a holder counts as dead; the interval is PODSIFT_TASK_DEAD_MINUTES over this. */
    static final int MISSED_HEARTBEATS = 4;

    private final Scheduler scheduler;
    private final OneTimeTask<Long> scanFeed;
    private final OneTimeTask<Long> prepareDigest;
    private final RecurringTask<Void> refreshTask;
    private final RecurringTask<Void> retrainTask;
    /** How often the vote layer is refitted (when enough new votes arrived; see the retrain work). */
    static final Duration RETRAIN_EVERY = Duration.ofHours(24);
    private final DataSource dataSource;
    private final InstantSource clock;
    private final Settings settings;
    private final Work deliver;
    private final TaskBudget budget;
    private final Consumer<String> log;
    private final ScheduledExecutorService deliverLoop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "podsift-deliver-loop");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ExecutorService workers;
    private String lastSchedulerError;
    private volatile boolean delivering;
    private volatile Instant nextDelivery;
    private volatile Instant lastDelivered;
    private volatile Instant lastDeliveryFailure;
    private volatile int deliveryFailures;
    private String lastDeliveryError;

    public BackgroundTasks(DataSource dataSource, Settings settings, InstantSource clock, Work refresh, Work deliver,
                           PodcastWork scan, PodcastWork prepare, Consumer<String> log) {
        this(dataSource, settings, clock, refresh, deliver, scan, prepare, null, log);
    }

    /** The same, with {@code retrain} run once a day on one worker (null: never). */
    public BackgroundTasks(DataSource dataSource, Settings settings, InstantSource clock, Work refresh, Work deliver,
                           PodcastWork scan, PodcastWork prepare, Work retrain, Consumer<String> log) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.settings = settings;
        this.deliver = deliver;
        this.log = log;
        this.budget = new TaskBudget(clock, log);
        dev.podsift.app.LibraryLog.to(log); // the scheduler's own warnings (a write that failed) go to our log
        this.refreshTask = Tasks.recurring("refresh-feeds", FixedDelay.of(settings.pollInterval()))
                .execute((instance, ctx) -> run("refresh-feeds", refresh));
        this.retrainTask = retrain == null ? null : Tasks.recurring("retrain", FixedDelay.of(RETRAIN_EVERY))
                .execute((instance, ctx) -> run("retrain", retrain));
        this.scanFeed = Tasks.oneTime("scan-feed", Long.class)
                .execute((instance, ctx) -> run("scan-feed", () -> scan.run(instance.getData())));
        this.prepareDigest = Tasks.oneTime("prepare-digest", Long.class)
                .execute((instance, ctx) -> run("prepare-digest", () -> prepare.run(instance.getData())));
        Duration heartbeat = settings.deadAfter().dividedBy(MISSED_HEARTBEATS);
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        // the scheduler's own writes (claiming a due task) run on these threads; one that fails (a full disk) would
        // otherwise end its thread with a stack trace on standard error
        this.workers = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread t = new Thread(r, "podsift-task-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> schedulerFailed(e));
            return t;
        });
        List<RecurringTask<?>> recurring = new ArrayList<>(List.of(refreshTask));
        if (retrainTask != null) {
            recurring.add(retrainTask);
        }
        this.scheduler = Scheduler.create(dataSource, scanFeed, prepareDigest)
                .startTasks(recurring)
                .threads(settings.threads())
                .executorService(workers)
                .pollingInterval(Duration.ofSeconds(2))
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .failureLogging(LogLevel.WARN, false)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
    }

    public void start() {
        forgetSharedDeliverTask();
        scheduler.start();
        deliverLoop.scheduleWithFixedDelay(this::deliverOnce, 0, settings.deliverEvery().toMillis(),
                TimeUnit.MILLISECONDS);
        deliverLoop.scheduleWithFixedDelay(this::keepRefreshScheduled, settings.deliverEvery().toMillis(),
                settings.deliverEvery().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads one podcast's feed soon (once, however often it is asked before it runs). */
    public void scanSoon(long podcastId) {
        scheduler.scheduleIfNotExists(scanFeed.instance(String.valueOf(podcastId), podcastId), clock.instant());
    }

    /** Prepares one subscriber's digest soon (once, however often it is asked before it runs). */
    public void prepareSoon(long subscriberId) {
        scheduler.scheduleIfNotExists(prepareDigest.instance(String.valueOf(subscriberId), subscriberId),
                Instant.now());
    }

    /** Whether a subscriber's digest is queued or being prepared. */
    public boolean preparing(long subscriberId) {
        return scheduler.getScheduledExecution(prepareDigest.instance(String.valueOf(subscriberId))).isPresent();
    }

    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        out.add(new Row("deliver", "every process", nextDelivery, delivering, lastDelivered, lastDeliveryFailure,
                deliveryFailures));
        for (ScheduledExecution<Object> e : scheduler.getScheduledExecutions(ScheduledExecutionsFilter.all())) {
            var i = e.getTaskInstance();
            out.add(new Row(i.getTaskName(), i.getId(), e.getExecutionTime(), e.isPicked(), e.getLastSuccess(),
                    e.getLastFailure(), e.getConsecutiveFailures()));
        }
        return out;
    }

    private void run(String name, Work work) {
        try {
            budget.run(name, settings.taskBudget(), work);
            synchronized (this) {
                lastSchedulerError = null;
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("task " + name + " was stopped", e);
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * The scheduler registers refresh-feeds once, at start-up; when that write failed (a full disk) feeds would never
     * be read again until a restart, so it is looked for, and put back, as often as deliver looks for digests.
     */
    private void keepRefreshScheduled() {
        try {
            scheduler.scheduleIfNotExists(refreshTask.instance(RecurringTask.INSTANCE), clock.instant());
        } catch (RuntimeException e) {
            schedulerFailed(e);
        }
    }

    /** A write of the scheduler's own failed: one line, and only when the error is new (not once per poll). */
    private synchronized void schedulerFailed(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.equals(lastSchedulerError)) {
            return;
        }
        lastSchedulerError = message;
        log.accept("task scheduler: a write to the database failed (" + message + "); the due tasks stay due and "
                + "are tried again; logged again only if the error changes");
    }

    /** One look for due digests; a failure is logged when it first happens or changes, never thrown out. */
    private void deliverOnce() {
        delivering = true;
        try {
            budget.run("deliver", settings.deliverBudget(), deliver);
            if (deliveryFailures > 0) {
                log.accept("task deliver: works again after " + deliveryFailures + " failed run(s)");
            }
            lastDelivered = clock.instant();
            deliveryFailures = 0;
            lastDeliveryError = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            lastDeliveryFailure = clock.instant();
            deliveryFailures++;
            String message = String.valueOf(e.getMessage());
            if (!(e instanceof TaskBudget.Exceeded) && !message.equals(lastDeliveryError)) {
                log.accept("task deliver failed (tried again every " + settings.deliverEvery().toSeconds()
                        + " s; logged again only if the error changes): " + e);
            }
            lastDeliveryError = message;
        } finally {
            delivering = false;
            nextDelivery = clock.instant().plus(settings.deliverEvery());
        }
    }

    /** Before deliver had a thread of its own it was a shared task; an old row of it would only sit there. */
    private void forgetSharedDeliverTask() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM scheduled_tasks WHERE task_name = 'deliver'");
        } catch (SQLException e) {
            log.accept("task deliver: could not remove its old shared-task row (harmless): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        deliverLoop.shutdownNow();
        scheduler.stop();
        workers.shutdownNow();
        try {
            deliverLoop.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

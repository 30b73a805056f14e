package dev.podsift.service;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The service's background work as db-scheduler tasks in the database, so any number of processes sharing it
 * (one {@code serve} on SQLite, or {@code serve} + {@code worker}s on PostgreSQL) run each due task once:
 * <ul>
 *   <li>{@code refresh-feeds} (every PODSIFT_POLL_MINUTES): read followed feeds, transcribe and analyse new episodes;
 *   <li>{@code deliver} (every minute): plan the day's digests whose local time has come and send them;
 *   <li>{@code scan-feed} (one-off, per podcast): read one feed right after someone follows it;
 *   <li>{@code prepare-digest} (one-off, per subscriber): read their feeds not read lately, then send today's digest
 *   (someone asked for it now).
 * </ul>
 * Every task is idempotent: it works from the database's state, and stage changes are guarded updates.
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

    /** A scheduled execution, for the admin page. */
    public record Row(String task, String instance, Instant next, boolean running, Instant lastSuccess,
                      Instant lastFailure, int failures) {
    }

    private final Scheduler scheduler;
    private final OneTimeTask<Long> scanFeed;
    private final OneTimeTask<Long> prepareDigest;

    public BackgroundTasks(DataSource dataSource, Duration pollInterval, Work refresh, Work deliver,
                           PodcastWork scan, PodcastWork prepare, int threads) {
        RecurringTask<Void> refreshTask = Tasks.recurring("refresh-feeds", FixedDelay.of(pollInterval))
                .execute((instance, ctx) -> run(refresh));
        RecurringTask<Void> deliverTask = Tasks.recurring("deliver", FixedDelay.of(Duration.ofMinutes(1)))
                .execute((instance, ctx) -> run(deliver));
        this.scanFeed = Tasks.oneTime("scan-feed", Long.class)
                .execute((instance, ctx) -> run(() -> scan.run(instance.getData())));
        this.prepareDigest = Tasks.oneTime("prepare-digest", Long.class)
                .execute((instance, ctx) -> run(() -> prepare.run(instance.getData())));
        this.scheduler = Scheduler.create(dataSource, scanFeed, prepareDigest)
                .startTasks(refreshTask, deliverTask)
                .threads(threads)
                .pollingInterval(Duration.ofSeconds(2))
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
    }

    public void start() {
        scheduler.start();
    }

    /** Reads one podcast's feed soon (once, however often it is asked before it runs). */
    public void scanSoon(long podcastId) {
        scheduler.scheduleIfNotExists(scanFeed.instance(String.valueOf(podcastId), podcastId), Instant.now());
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
        for (ScheduledExecution<Object> e : scheduler.getScheduledExecutions()) {
            var i = e.getTaskInstance();
            out.add(new Row(i.getTaskName(), i.getId(), e.getExecutionTime(), e.isPicked(), e.getLastSuccess(),
                    e.getLastFailure(), e.getConsecutiveFailures()));
        }
        return out;
    }

    private static void run(Work work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        scheduler.stop();
    }
}

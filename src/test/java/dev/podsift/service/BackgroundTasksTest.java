package dev.podsift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Database;
import dev.podsift.store.Delivery;
import dev.podsift.store.Subscriber;
import dev.podsift.support.MutableClock;
import dev.podsift.support.ServiceFixture;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background tasks under pressure: a refresh stuck on a hostile feed and a scan stuck with it do not hold up a
 * due digest; a run past its budget is cancelled and logged; a task held by a worker that died is taken over once
 * its heartbeat is older than PODSIFT_TASK_DEAD_MINUTES; the scheduler's own warnings reach the service's log.
 * Waits are on latches and on the database, never timed.
 */
class BackgroundTasksTest {
    private static final long PATIENCE_SECONDS = 60;

    private static BackgroundTasks.Settings quickDelivery(BackgroundTasks.Settings s) {
        return new BackgroundTasks.Settings(s.pollInterval(), s.threads(), s.taskBudget(), s.deliverBudget(),
                s.deadAfter(), Duration.ofMillis(100));
    }

    @Test
    void aDueDigestLeavesWhileARefreshIsStuckOnAHostileFeedAndAScanIsStuck(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch feedStuck = new CountDownLatch(1);
        CountDownLatch scanStuck = new CountDownLatch(1);
        // the feed's server sends the start of the document, then nothing until the test lets it go
        Map<String, String> env = Map.of("PODSIFT_HTTP_TIMEOUT_SECONDS", "3600", "PODSIFT_HTTP_DEADLINE_SECONDS", "3600");
        try (ServiceFixture f = DeliveryTest.analysed(dir, env, "ada@example.com", "07:00", "Europe/Berlin")) {
            f.feeds.handler("/stuck.xml", ex -> {
                ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                out.write("<rss version=\"2.0\"><channel><title>Stuck</title>".getBytes(StandardCharsets.UTF_8));
                out.flush();
                feedStuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
            });
            Subscriber ada = f.app.subscribers().findByEmail("ada@example.com").orElseThrow();
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(f.feed("stuck.xml")));
            f.clock.set(Instant.parse("2026-11-25T05:59:00Z")); // 06:59 in Berlin: the feeds are due, the digest not yet
            try (BackgroundTasks tasks = new BackgroundTasks(f.app.database().dataSource(),
                    quickDelivery(f.service.tasks(2)), f.clock, f.service::refresh, f.service::deliver, id -> {
                        scanStuck.countDown();
                        release.await();
                    }, id -> { }, line -> { })) {
                try {
                    tasks.start();
                    tasks.scanSoon(99);
                    assertTrue(feedStuck.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the refresh reached the feed");
                    assertTrue(scanStuck.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the scan started");
                    Instant due = Instant.parse("2026-11-25T06:00:00Z");
                    f.clock.set(due);
                    assertTrue(f.smtp.waitForIncomingEmail(PATIENCE_SECONDS * 1000, 1),
                            "the digest left while both task threads were stuck");
                    assertTrue(waitFor(() -> sent(f, ada).state().equals(Delivery.SENT)), "recorded as sent");
                    Delivery d = sent(f, ada);
                    assertFalse(d.sentAt().isAfter(due.plus(Duration.ofMinutes(1))), "at most a minute late: " + d);
                    assertTrue(tasks.rows().stream().anyMatch(r -> r.task().equals("refresh-feeds") && r.running()),
                            "the refresh is still stuck: " + tasks.rows());
                } finally {
                    release.countDown();
                }
            }
        }
    }

    @Test
    void aRunPastItsBudgetIsCancelledLoggedAndLetGo(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        List<String> log = new CopyOnWriteArrayList<>();
        BackgroundTasks.Settings settings = new BackgroundTasks.Settings(Duration.ofHours(1), 2, Duration.ofMinutes(5),
                Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofHours(1));
        try (Database db = Database.sqlite(dir);
             BackgroundTasks tasks = new BackgroundTasks(db.dataSource(), settings, clock, () -> {
                 started.countDown();
                 try {
                     new CountDownLatch(1).await(); // an analysis that would never end
                 } catch (InterruptedException e) {
                     interrupted.countDown();
                     throw e;
                 }
             }, () -> { }, id -> { }, id -> { }, log::add)) {
            tasks.start();
            assertTrue(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
            clock.advance(Duration.ofMinutes(4));
            clock.advance(Duration.ofMinutes(2));
            assertTrue(interrupted.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the work was interrupted at its budget");
            assertTrue(waitFor(() -> log.stream().anyMatch(l -> l.startsWith(
                    "task refresh-feeds: over its time budget of 5 min"))), log.toString());
            assertTrue(waitFor(() -> tasks.rows().stream().noneMatch(r -> r.task().equals("refresh-feeds") && r.running())),
                    "the scheduler let go of the task: " + tasks.rows());
            // the scheduler's own report of the failed run reaches our log as one line (it was silenced before)
            assertTrue(waitFor(() -> log.stream().anyMatch(l -> l.startsWith("warn: task scheduler: ")
                    && l.contains("'refresh-feeds'") && !l.contains("\n"))), log.toString());
        }
    }

    @Test
    void aTaskHeldByADeadWorkerIsTakenOverAfterTheConfiguredMinutes(@TempDir Path dir) throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        BackgroundTasks.Settings settings = new BackgroundTasks.Settings(Duration.ofHours(1), 2, Duration.ofHours(1),
                Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofHours(1));
        try (Database db = Database.sqlite(dir)) {
            // a worker claimed refresh-feeds and was killed: its heartbeat stopped three minutes ago
            Instant now = Instant.now(); // db-scheduler's heartbeats are on the wall clock
            db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance, "
                        + "execution_time, picked, picked_by, last_heartbeat, version) VALUES ('refresh-feeds', "
                        + "'recurring', ?, 1, 'killed-worker', ?, 1)")) {
                    ps.setTimestamp(1, Timestamp.from(now.minus(Duration.ofMinutes(10))));
                    ps.setTimestamp(2, Timestamp.from(now.minus(Duration.ofMinutes(3))));
                    return ps.executeUpdate();
                }
            });
            try (BackgroundTasks tasks = new BackgroundTasks(db.dataSource(), settings, new MutableClock(now),
                    ran::countDown, () -> { }, id -> { }, id -> { }, line -> { })) {
                tasks.start();
                assertTrue(ran.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "the dead worker's task ran again");
            }
            String holder = db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(
                        "SELECT picked_by FROM scheduled_tasks WHERE task_name = 'refresh-feeds'")) {
                    return rs.next() ? String.valueOf(rs.getString(1)) : "none";
                }
            });
            assertFalse(holder.equals("killed-worker"), holder);
        }
    }

    private static Delivery sent(ServiceFixture f, Subscriber s) {
        try {
            return f.app.deliveries().find(s.id(), LocalDate.parse("2026-11-25")).orElseThrow();
        } catch (dev.podsift.store.StoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls {@code condition} (the scheduler records a finished run shortly after it returns). */
    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < PATIENCE_SECONDS * 10; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}

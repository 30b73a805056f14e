package dev.podsift.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers sharing one database through db-scheduler: on a real PostgreSQL server and on SQLite, two
 * schedulers (as two processes would) run every queued task exactly once between them, and the recurring tasks
 * are registered once.
 */
class SharedWorkersTest {

    private static void eachTaskOnce(Database a, Database b) throws Exception {
        Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<Long, String> where = new ConcurrentHashMap<>();
        BackgroundTasks.PodcastWork count = id -> {
            runs.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(20);
        };
        BackgroundTasks.Settings settings = new BackgroundTasks.Settings(Duration.ofHours(1), 2, Duration.ofHours(1),
                Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(1));
        try (BackgroundTasks first = new BackgroundTasks(a.dataSource(), settings, Clock.systemUTC(), () -> { },
                () -> { }, id -> {
                    where.put(id, "first");
                    count.run(id);
                }, id -> { }, line -> { });
             BackgroundTasks second = new BackgroundTasks(b.dataSource(), settings, Clock.systemUTC(), () -> { },
                     () -> { }, id -> {
                         where.put(id, "second");
                         count.run(id);
                     }, id -> { }, line -> { })) {
            first.start();
            second.start();
            for (long id = 1; id <= 40; id++) {
                (id % 2 == 0 ? first : second).scanSoon(id);
                (id % 2 == 0 ? first : second).scanSoon(id); // asked twice: still one task
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (runs.size() < 40 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3000); // a late duplicate would show up here
            assertEquals(40, runs.size());
            for (Map.Entry<Long, AtomicInteger> e : runs.entrySet()) {
                assertEquals(1, e.getValue().get(), "task " + e.getKey() + " ran once");
            }
            assertTrue(where.containsValue("first") && where.containsValue("second"),
                    "both workers took part: " + where.values().stream().distinct().toList());
            long recurring = first.rows().stream().filter(r -> r.task().equals("refresh-feeds")).count();
            assertEquals(1, recurring, "one refresh-feeds task however many workers start");
        }
    }

    @Test
    @Tag("postgres")
    void onPostgresql() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            try (Database a = Database.open(url, "postgres", null); Database b = Database.open(url, "postgres", null)) {
                eachTaskOnce(a, b);
            }
        }
    }

    @Test
    void onSqlite(@TempDir Path dir) throws Exception {
        try (Database a = Database.sqlite(dir); Database b = Database.sqlite(dir)) {
            eachTaskOnce(a, b);
        }
    }
}

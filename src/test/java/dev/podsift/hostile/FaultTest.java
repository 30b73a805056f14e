package dev.podsift.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.app.App;
import dev.podsift.app.Progress;
import dev.podsift.config.Config;
import dev.podsift.model.Stage;
import dev.podsift.service.BackgroundTasks;
import dev.podsift.store.Database;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.LocalHttpServer;
import dev.podsift.support.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults below the network: a transcript server that fails for a while, a full disk under an audio download and
 * under the database and its task scheduler, a SQLite file damaged mid-file or truncated to nothing, and a PostgreSQL
 * restart. Afterwards the service carries on (or, with a damaged database, refuses to start and says what to do) and
 * nothing is lost or doubled.
 */
@Tag("hostile")
class FaultTest {
    private static final Path DEMO = Path.of("src/main/resources/demo").toAbsolutePath();
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    private static void run(App app) throws StoreException {
        app.pipeline(new Progress(new PrintStream(OutputStream.nullOutputStream()), false, app.clock()))
                .run(app.podcasts().list(), null, null);
    }

    private static Map<String, StoredEpisode> episodes(App app) throws StoreException {
        Map<String, StoredEpisode> out = new HashMap<>();
        for (StoredPodcast p : app.podcasts().list()) {
            for (Stage s : Stage.values()) {
                app.episodes().inStage(p.id(), s).forEach(e -> out.put(e.title(), e));
            }
        }
        return out;
    }

    @Test
    void aTranscriptThatFailsForAWhileIsTriedAgainLaterAndOneThatKeepsFailingIsGivenUp(@TempDir Path dir)
            throws Exception {
        AtomicInteger flakyCalls = new AtomicInteger();
        try (LocalHttpServer server = new LocalHttpServer(DEMO)) {
            byte[] md = Files.readAllBytes(DEMO.resolve("data-bench-17.md"));
            server.handler("/flaky.md", ex -> {
                boolean ok = flakyCalls.incrementAndGet() >= 3; // two 503s, then the transcript
                byte[] body = ok ? md : "overloaded".getBytes();
                ex.sendResponseHeaders(ok ? 200 : 503, body.length);
                ex.getResponseBody().write(body);
                ex.close();
            });
            server.route("/down.md", new LocalHttpServer.Route(502, "text/plain", "bad gateway".getBytes(), 0));
            String feed = "<rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel>"
                    + "<title>Flaky</title>"
                    + "<item><title>Flaky</title><guid>f1</guid><podcast:transcript url=\"flaky.md\" type=\"text/markdown\"/></item>"
                    + "<item><title>Down</title><guid>f2</guid><podcast:transcript url=\"down.md\" type=\"text/markdown\"/></item>"
                    + "</channel></rss>";
            server.route("/flaky.xml", new LocalHttpServer.Route(200, "application/rss+xml", feed.getBytes(), 0));
            MutableClock clock = new MutableClock(T0);
            try (App app = new App(Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_ASR", "off",
                    "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true")), clock)) {
                app.podcasts().add(server.url("/flaky.xml"));
                run(app);
                assertEquals(Stage.NEW, episodes(app).get("Flaky").stage());
                assertTrue(episodes(app).get("Flaky").failureReason().contains("HTTP 503"));
                clock.advance(Duration.ofMinutes(10));
                run(app);
                assertEquals(1, flakyCalls.get(), "not tried again before its 30-minute wait is over");
                clock.advance(Duration.ofMinutes(21));
                run(app);
                assertEquals(2, flakyCalls.get());
                assertTrue(episodes(app).get("Flaky").failureReason().contains("try 2 of 4; tried again in 2 h"),
                        episodes(app).get("Flaky").failureReason());
                clock.advance(Duration.ofHours(2));
                run(app);
                assertEquals(Stage.ANALYZED, episodes(app).get("Flaky").stage(), "the third try worked");
                clock.advance(Duration.ofHours(9));
                run(app);
                StoredEpisode down = episodes(app).get("Down");
                assertEquals(Stage.FAILED, down.stage());
                assertTrue(down.failureReason().contains("HTTP 502") && down.failureReason().contains("gave up after 4"),
                        down.failureReason());
                assertEquals(3, flakyCalls.get(), "an analysed episode is never fetched again");
            }
        }
    }

    @Test
    void aRunCancelledMidwayStopsBetweenEpisodesMarksNothingFailedAndTheNextRunFinishes(@TempDir Path dir)
            throws Exception {
        Thread pipeline = Thread.currentThread();
        try (LocalHttpServer server = new LocalHttpServer(DEMO)) {
            byte[] srt = Files.readAllBytes(DEMO.resolve("shipping-software-42.srt"));
            AtomicInteger asked = new AtomicInteger();
            server.handler("/shipping-software-42.srt", ex -> {
                if (asked.incrementAndGet() == 1) {
                    pipeline.interrupt(); // the task's budget runs out while this episode is being worked on
                }
                ex.sendResponseHeaders(200, srt.length);
                ex.getResponseBody().write(srt);
                ex.close();
            });
            try (App app = new App(Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_ASR", "off",
                    "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true")), new MutableClock(T0))) {
                app.podcasts().add(server.url("/shipping-software.xml"));
                java.util.concurrent.CancellationException stopped = assertThrows(
                        java.util.concurrent.CancellationException.class, () -> run(app));
                assertTrue(Thread.interrupted(), "the interruption is left for the task to see");
                assertTrue(stopped.getMessage().contains("time budget"), stopped.getMessage());
                StoredEpisode cut = episodes(app).get("42: Incidents without blame");
                assertEquals(Stage.TRANSCRIBED, cut.stage(), "not failed: " + cut.failureReason());
                for (StoredEpisode e : episodes(app).values()) {
                    assertTrue(e.stage() != Stage.FAILED, e.title() + ": " + e.failureReason());
                }
                run(app);
                for (StoredEpisode e : episodes(app).values()) {
                    assertEquals(Stage.ANALYZED, e.stage(), "the next run finished it: " + e.title());
                }
            }
        }
    }

    /** A tmpfs of {@code size} at {@code dir}; skipped (with the reason) where mounting is not allowed. */
    private static void mountSmall(Path dir, String size) throws Exception {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, "SKIPPED disk-full faults: cannot mount a small tmpfs here (needs "
                + "root, as in CI): " + out.strip());
    }

    private static void umount(Path dir) throws Exception {
        new ProcessBuilder("umount", "-l", dir.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void aFullDiskUnderTheDatabaseStopsTheRunClearlyAndLosesNothing(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small");
        mountSmall(small, "1m");
        try {
            Config config = Config.from(Map.of("PODSIFT_DATA", dir.resolve("data").toString(), "PODSIFT_ASR", "off",
                    "PODSIFT_DATABASE_URL", "jdbc:sqlite:" + small.resolve("podsift.db")));
            try (App app = new App(config, java.time.Clock.systemUTC())) {
                app.podcasts().add(DEMO.resolve("shipping-software.xml").toString());
                run(app);
                Map<String, StoredEpisode> before = episodes(app);
                assertEquals(2, before.size());
                int insightsBefore = insightCount(app);
                // fill the disk, then ask for more work
                fill(small);
                StoreException full = assertThrows(StoreException.class, () -> {
                    app.podcasts().add(DEMO.resolve("data-bench.xml").toString());
                    for (int i = 0; i < 50; i++) {
                        run(app); // SQLite may find room in pages it already has; it runs out soon
                        app.podcasts().add(DEMO.resolve("founder-hours.xml").toString() + "?" + i);
                    }
                });
                assertTrue(full.getMessage().toLowerCase().contains("full"), full.getMessage());
                Files.delete(small.resolve("filler"));
                if (app.podcasts().find(DEMO.resolve("data-bench.xml").toString()).isEmpty()) {
                    app.podcasts().add(DEMO.resolve("data-bench.xml").toString()); // the user asks again
                }
                run(app);
                Map<String, StoredEpisode> after = episodes(app);
                for (StoredEpisode e : before.values()) {
                    assertEquals(Stage.ANALYZED, after.get(e.title()).stage(), "earlier work is intact: " + e.title());
                }
                assertEquals(Stage.ANALYZED, after.get("18: RAG is a retrieval problem").stage(),
                        "the run after space came back did the waiting work");
                assertTrue(insightCount(app) > insightsBefore);
                String check = app.database().inTransaction(c -> {
                    try (var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                        rs.next();
                        return rs.getString(1);
                    }
                });
                assertEquals("ok", check);
            }
        } finally {
            umount(small);
        }
    }

    @Test
    void aFullDiskUnderTheTaskSchedulerIsOneClearLineAndItsTasksRunWhenThereIsRoom(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small");
        mountSmall(small, "1m");
        PrintStream stderr = System.err;
        ByteArrayOutputStream traces = new ByteArrayOutputStream();
        try (Database db = Database.open("jdbc:sqlite:" + small.resolve("podsift.db"), null, null)) {
            List<String> log = new CopyOnWriteArrayList<>();
            Set<Long> scanned = ConcurrentHashMap.newKeySet();
            BackgroundTasks.Settings settings = new BackgroundTasks.Settings(Duration.ofHours(1), 2,
                    Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMillis(100));
            java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
            try (BackgroundTasks tasks = new BackgroundTasks(db.dataSource(), settings, java.time.Clock.systemUTC(),
                    refreshed::countDown, () -> { }, scanned::add, id -> { }, log::add)) {
                for (long id = 1; id <= 5; id++) {
                    tasks.scanSoon(id); // queued while there is room; claiming them is a write
                }
                fill(small);
                System.setErr(new PrintStream(traces, true));
                tasks.start();
                String failed = "task scheduler: a write to the database failed (";
                assertTrue(waitFor(() -> log.stream().anyMatch(l -> l.startsWith(failed) && l.contains("full"))),
                        log.toString());
                Files.delete(small.resolve("filler"));
                assertTrue(waitFor(() -> scanned.size() == 5), "every queued scan ran once there was room: " + scanned);
                assertEquals(1, log.stream().filter(l -> l.startsWith(failed)).count(), "one line: " + log);
                // refresh-feeds could not be registered at start-up on the full disk: it is put back, and runs
                assertTrue(refreshed.await(60, java.util.concurrent.TimeUnit.SECONDS), "feeds are read again");
            }
        } finally {
            System.setErr(stderr);
            umount(small);
        }
        assertFalse(traces.toString().contains("Exception in thread"), "no uncaught stack traces: " + traces);
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    @Test
    void aFullDiskDuringAnAudioDownloadIsRetriedWhenThereIsRoomAgain(@TempDir Path dir) throws Exception {
        Path audio = dir.resolve("data/audio");
        mountSmall(audio, "64k");
        try (LocalHttpServer server = new LocalHttpServer(Path.of("src/test/resources/audio"))) {
            server.route("/feed.xml", new LocalHttpServer.Route(200, "application/rss+xml", ("<rss version=\"2.0\">"
                    + "<channel><title>Spoken</title><item><title>Spoken</title><guid>s1</guid>"
                    + "<enclosure url=\"" + server.url("/speech.opus") + "\" type=\"audio/ogg\" length=\"1\"/></item>"
                    + "</channel></rss>").getBytes(), 0));
            MutableClock clock = new MutableClock(T0);
            try (App app = new App(Config.from(Map.of("PODSIFT_DATA", dir.resolve("data").toString(),
                    "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true")), clock)) {
                app.podcasts().add(server.url("/feed.xml"));
                run(app);
                StoredEpisode e = episodes(app).get("Spoken");
                assertEquals(Stage.NEW, e.stage());
                assertTrue(e.failureReason().contains("disk full") || e.failureReason().contains("No space"),
                        e.failureReason());
                try (var left = Files.list(audio)) {
                    assertEquals(List.of(), left.toList(), "the partial download is removed");
                }
                umount(audio);
                clock.advance(Duration.ofMinutes(31));
                run(app);
                assertEquals(Stage.ANALYZED, episodes(app).get("Spoken").stage(), episodes(app).get("Spoken")
                        .failureReason());
            }
        } finally {
            umount(audio);
        }
    }

    private static void fill(Path dir) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the disk is full: that is the point
        }
    }

    private static int insightCount(App app) throws StoreException {
        return app.database().inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM insights")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    @Test
    void aDatabaseDamagedMidFileIsRefusedAtStartUpAndLeftAsItWas(@TempDir Path dir) throws Exception {
        try (Database db = Database.sqlite(dir)) {
            db.inTransaction(c -> {
                try (var s = c.createStatement()) {
                    s.execute("CREATE TABLE filler (x TEXT)");
                    s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                            + "INSERT INTO filler SELECT printf('%0200d', i) FROM n");
                }
                return null;
            });
        }
        Path file = dir.resolve("podsift.db");
        byte[] bytes = Files.readAllBytes(file);
        int page = 4096;
        int middle = bytes.length / 2 / page * page;
        for (int i = middle; i < middle + page; i++) {
            bytes[i] = (byte) 0x5A; // a page overwritten in the middle of the file (a bad sector, a torn copy)
        }
        Files.write(file, bytes);
        StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(dir));
        assertTrue(e.getMessage().contains("is damaged (SQLite's quick_check: ") && e.getMessage().contains("backup")
                && e.getMessage().contains(".recover"), e.getMessage());
        assertArrayEquals(bytes, Files.readAllBytes(file), "the damaged file is left as it was, for recovery");
    }

    @Test
    void aZeroLengthDatabaseFileIsRefusedNotTakenForANewOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("podsift.db");
        Files.createFile(file);
        StoreException e = assertThrows(StoreException.class, () -> Database.sqlite(dir));
        assertTrue(e.getMessage().contains("is empty (0 bytes)") && e.getMessage().contains("backup"), e.getMessage());
        assertEquals(0, Files.size(file), "nothing was written into it");
        try (Database fresh = Database.sqlite(dir.resolve("new"))) {
            assertTrue(Files.size(dir.resolve("new/podsift.db")) > 0, "a missing file still starts a new database");
        }
    }

    @Test
    void aPostgresRestartIsRiddenOutByTheSameProcess(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path data = dir.resolve("pg");
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setPort(port).start();
        try {
            Config config = Config.from(Map.of("PODSIFT_DATA", dir.resolve("data").toString(), "PODSIFT_ASR", "off",
                    "PODSIFT_DATABASE_URL", pg.getJdbcUrl("postgres", "postgres")));
            try (App app = new App(config, java.time.Clock.systemUTC())) {
                app.podcasts().add(DEMO.resolve("shipping-software.xml").toString());
                run(app);
                int insights = insightCount(app);
                pg.close(); // the server goes away under the open connection
                StoreException down = assertThrows(StoreException.class, () -> app.podcasts().list());
                assertTrue(down.getMessage().contains("connection") || down.getMessage().contains("Connection"),
                        down.getMessage());
                pg = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                        .start();
                // the same process carries on: no restart of Podsift, nothing lost, nothing doubled
                app.podcasts().add(DEMO.resolve("data-bench.xml").toString());
                run(app);
                Map<String, StoredEpisode> all = episodes(app);
                assertEquals(4, all.size());
                for (StoredEpisode e : all.values()) {
                    assertEquals(Stage.ANALYZED, e.stage(), e.title());
                }
                assertTrue(insightCount(app) > insights);
                int total = insightCount(app);
                run(app);
                assertEquals(total, insightCount(app), "a further run adds nothing");
            }
        } finally {
            pg.close();
        }
    }
}

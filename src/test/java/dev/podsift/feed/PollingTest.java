package dev.podsift.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.store.PodcastStore;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.LocalHttpServer;
import dev.podsift.support.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polling etiquette against a real HTTP server on 127.0.0.1: validators, caching, throttling, back-off, moves. */
class PollingTest {
    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
    @TempDir
    Path dir;
    private LocalHttpServer server;
    private MutableClock clock;
    private App app;

    static String feed(String title, String newUrl, int items) {
        StringBuilder b = new StringBuilder("<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>")
                .append(title).append("</title>");
        if (newUrl != null) {
            b.append("<itunes:new-feed-url>").append(newUrl).append("</itunes:new-feed-url>");
        }
        for (int i = 0; i < items; i++) {
            b.append("<item><title>Episode ").append(i).append("</title><guid>").append(title).append('-').append(i)
                    .append("</guid></item>");
        }
        return b.append("</channel></rss>").toString();
    }

    static void send(HttpExchange ex, int status, String body, String... headers) throws IOException {
        for (int i = 0; i < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        try (var out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new LocalHttpServer(null);
        clock = new MutableClock(T0);
        app = new App(Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true",
                "PODSIFT_POLL_MINUTES", "60", "PODSIFT_MAX_FEED_ITEMS", "10")), clock);
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        server.close();
    }

    private FeedScanner.Result scan(String url) throws Exception {
        StoredPodcast p = app.podcasts().list().stream().filter(x -> x.url().equals(url)).findFirst()
                .orElseGet(() -> {
                    try {
                        long id = app.podcasts().add(url);
                        return app.podcasts().list().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        return app.scanner().scan(p, null);
    }

    private PodcastStore.PollState state(String url) throws Exception {
        return app.podcasts().pollState(app.podcasts().find(url).orElseThrow().id());
    }

    @Test
    void conditionalGetTurnsAnUnchangedFeedIntoA304(@TempDir Path unused) throws Exception {
        AtomicInteger full = new AtomicInteger();
        List<String> seenEtags = new ArrayList<>();
        server.handler("/etag.xml", ex -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            seenEtags.add(inm + " | " + ex.getRequestHeaders().getFirst("If-Modified-Since"));
            if ("\"v1\"".equals(inm)) {
                send(ex, 304, "", "ETag", "\"v1\"");
                return;
            }
            full.incrementAndGet();
            send(ex, 200, feed("Etag Show", null, 2), "ETag", "\"v1\"", "Last-Modified", "Tue, 24 Nov 2026 10:00:00 GMT",
                    "Content-Type", "application/rss+xml");
        });
        String url = server.url("/etag.xml");
        FeedScanner.Result first = scan(url);
        assertNull(first.error());
        assertEquals(2, first.queued());
        clock.advance(Duration.ofHours(1));
        FeedScanner.Result second = scan(url);
        assertNull(second.error());
        assertEquals(0, second.queued());
        assertEquals(1, full.get(), "the unchanged feed was not sent again");
        assertEquals("\"v1\" | Tue, 24 Nov 2026 10:00:00 GMT", seenEtags.get(1));
        assertEquals(T0.plus(Duration.ofHours(2)), state(url).nextPollAt());
        assertEquals(2, app.episodes().count(app.podcasts().find(url).orElseThrow().id()));
    }

    @Test
    void cacheControlRetryAfterAndBackOffDecideTheNextPoll() throws Exception {
        server.handler("/cached.xml", ex -> send(ex, 200, feed("Cached", null, 1), "Cache-Control", "public, max-age=7200"));
        server.handler("/forever.xml", ex -> send(ex, 200, feed("Forever", null, 1), "Cache-Control", "max-age=9999999"));
        server.handler("/busy.xml", ex -> send(ex, 429, "slow down", "Retry-After", "5400"));
        AtomicInteger failures = new AtomicInteger(4);
        server.handler("/flaky.xml", ex -> {
            if (failures.getAndDecrement() > 0) {
                send(ex, 500, "oops");
            } else {
                send(ex, 200, feed("Flaky", null, 1));
            }
        });
        scan(server.url("/cached.xml"));
        assertEquals(T0.plus(Duration.ofHours(2)), state(server.url("/cached.xml")).nextPollAt(), "max-age over the interval");
        scan(server.url("/forever.xml"));
        assertEquals(T0.plus(Duration.ofDays(1)), state(server.url("/forever.xml")).nextPollAt(), "capped at a day");

        FeedScanner.Result busy = scan(server.url("/busy.xml"));
        assertTrue(busy.error().contains("HTTP 429") && busy.error().contains("90 min"), busy.error());
        assertEquals(T0.plus(Duration.ofMinutes(90)), state(server.url("/busy.xml")).nextPollAt());
        assertEquals(1, state(server.url("/busy.xml")).errorCount());

        String flaky = server.url("/flaky.xml");
        long[] expectHours = {1, 2, 4, 8};
        for (long h : expectHours) {
            assertNotNull(scan(flaky).error());
            assertEquals(clock.instant().plus(Duration.ofHours(h)), state(flaky).nextPollAt(), "back-off " + h + " h");
            clock.set(state(flaky).nextPollAt());
        }
        assertNull(scan(flaky).error());
        assertEquals(0, state(flaky).errorCount(), "a success resets the back-off");
        assertEquals(clock.instant().plus(Duration.ofHours(1)), state(flaky).nextPollAt());
        // only feeds whose time has come are due
        assertTrue(!app.podcasts().due(clock.instant()).contains(app.podcasts().find(flaky).orElseThrow().id()));
    }

    @Test
    void permanentRedirectsMoveTheFeedTemporaryOnesDoNot() throws Exception {
        server.handler("/target.xml", ex -> send(ex, 200, feed("Target", null, 1)));
        server.handler("/target2.xml", ex -> send(ex, 200, feed("Target two", null, 1)));
        for (int code : new int[] {301, 302, 307, 308}) {
            String target = code == 301 || code == 302 ? "/target.xml" : "/target2.xml";
            server.handler("/moved" + code + ".xml", ex -> send(ex, code, "", "Location", server.url(target)));
        }
        for (int code : new int[] {301, 302, 307, 308}) {
            String url = server.url("/moved" + code + ".xml");
            long id = app.podcasts().add(url);
            assertNull(scan(url).error());
            String stored = app.podcasts().list().stream().filter(p -> p.id() == id).findFirst().orElseThrow().url();
            if (code == 301 || code == 308) {
                assertTrue(stored.endsWith(code == 301 ? "/target.xml" : "/target2.xml"), code + " moved to " + stored);
            } else {
                assertEquals(url, stored, code + " is temporary");
            }
        }
    }

    @Test
    void newFeedUrlIsFollowedUnlessItIsUnsafeOrCircular() throws Exception {
        String a = server.url("/a.xml");
        String b = server.url("/b.xml");
        server.handler("/a.xml", ex -> send(ex, 200, feed("Show A", b, 1)));
        server.handler("/b.xml", ex -> send(ex, 200, feed("Show B", a, 1)));
        server.handler("/c.xml", ex -> send(ex, 200, feed("Show C", "file:///etc/passwd", 1)));
        long id = app.podcasts().add(a);
        scan(a);
        StoredPodcast moved = app.podcasts().list().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        assertEquals(b, moved.url(), "itunes:new-feed-url honoured");
        assertEquals(a, state(b).previousUrl());
        FeedScanner.Result back = app.scanner().scan(moved, null);
        assertNull(back.error());
        StoredPodcast after = app.podcasts().list().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        assertEquals(b, after.url(), "no ping-pong between two feeds naming each other");
        assertTrue(after.lastError().contains("two feeds naming each other"), after.lastError());

        scan(server.url("/c.xml"));
        StoredPodcast c = app.podcasts().find(server.url("/c.xml")).orElseThrow();
        assertTrue(c.lastError().contains("not an http(s) URL"), c.lastError());
    }

    @Test
    void aNewFeedUrlNeverTurnsTheFeedIntoALocalFile() throws Exception {
        String e = server.url("/e.xml");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        server.handler("/e.xml", ex -> {
            reads.incrementAndGet();
            send(ex, 200, feed("Show E", null, 1));
        });
        server.handler("/d.xml", ex -> send(ex, 200, feed("Show D", e.replace("http://", "HTTP://"), 1)));
        for (String local : new String[] {"FILE:/etc/passwd", "file:///etc/passwd", "File:/etc/passwd"}) {
            String path = "/" + local.replaceAll("[^a-z]", "") + ".xml";
            server.handler(path, ex -> send(ex, 200, feed("Local", local, 1)));
            scan(server.url(path));
            StoredPodcast p = app.podcasts().find(server.url(path)).orElseThrow();
            assertTrue(p.lastError().contains(local + " not followed: not an http(s) URL"), p.lastError());
        }
        long id = app.podcasts().add(server.url("/d.xml"));
        scan(server.url("/d.xml"));
        StoredPodcast moved = app.podcasts().list().stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        assertEquals(e, moved.url(), "HTTP:// is stored as the URL it is, never as a path");
        reads.set(0);
        assertNull(app.scanner().scan(moved, null).error());
        assertEquals(1, reads.get(), "read over the network");
    }

    @Test
    void aFeedListingTooManyItemsHasItsNewestReadAndANote() throws Exception {
        StringBuilder b = new StringBuilder("<rss><channel><title>Storm</title>");
        for (int i = 0; i < 30; i++) {
            b.append("<item><title>E").append(i).append("</title><guid>g").append(i).append("</guid><pubDate>")
                    .append(java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                            java.time.ZonedDateTime.parse("2026-01-01T00:00:00Z").plusDays(i)))
                    .append("</pubDate></item>");
        }
        String body = b.append("</channel></rss>").toString();
        server.handler("/storm.xml", ex -> send(ex, 200, body));
        String url = server.url("/storm.xml");
        assertNull(scan(url).error());
        long id = app.podcasts().find(url).orElseThrow().id();
        assertEquals(10, app.episodes().count(id), "PODSIFT_MAX_FEED_ITEMS = 10");
        assertTrue(app.episodes().publishedSince(id, Instant.parse("2026-01-21T00:00:00Z")).size() == 10,
                "the newest ten were kept");
        String note = app.podcasts().find(url).orElseThrow().lastError();
        assertTrue(note.contains("lists 30 items") && note.contains("PODSIFT_MAX_FEED_ITEMS"), note);
        assertEquals(10, app.scanner().read(url).episodes().size(), "feeds add reads under the same cap");
    }

    @Test
    void manyFeedsAreReadInParallelButGentlyPerHost() throws Exception {
        Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger totalPeak = new AtomicInteger();
        server.handler("/slow/", ex -> {
            String host = ex.getRequestHeaders().getFirst("Host").replaceAll(":\\d+$", "");
            int now = inFlight.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            peak.computeIfAbsent(host, h -> new AtomicInteger()).accumulateAndGet(now, Math::max);
            totalPeak.accumulateAndGet(total.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.get(host).decrementAndGet();
            total.decrementAndGet();
            send(ex, 200, feed("Slow " + ex.getRequestURI().getPath(), null, 1));
        });
        List<StoredPodcast> podcasts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String url = (i % 2 == 0 ? server.url("/slow/" + i) : server.url("/slow/" + i).replace("127.0.0.1", "localhost"));
            long id = app.podcasts().add(url);
            podcasts.add(new StoredPodcast(id, url, null, null, null, null));
        }
        List<FeedScanner.Result> results = new FeedPoller(app.scanner(), 8, 2).scanAll(podcasts, null, r -> { });
        assertEquals(12, results.size());
        for (FeedScanner.Result r : results) {
            assertNull(r.error(), r.error());
        }
        assertEquals(2, peak.get("127.0.0.1").get(), "two at a time to one host");
        assertEquals(2, peak.get("localhost").get());
        assertTrue(totalPeak.get() >= 3, "hosts in parallel: " + totalPeak.get());
    }
}

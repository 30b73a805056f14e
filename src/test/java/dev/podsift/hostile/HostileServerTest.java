package dev.podsift.hostile;

import static dev.podsift.support.HostileHttpServer.head;
import static dev.podsift.support.HostileHttpServer.respond;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.app.App;
import dev.podsift.app.Progress;
import dev.podsift.config.Config;
import dev.podsift.model.Stage;
import dev.podsift.net.AddressPolicy;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.Bombs;
import dev.podsift.support.HostileHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run of the real pipeline over feeds served by a server that misbehaves in every way we know of, next to a
 * good feed. 127.0.0.2 plays the public internet and 127.0.0.1 the operator's private network: the scripted
 * resolver sends names there, and the address policy treats only 127.0.0.1 as private. Every hostile feed must
 * end with a clear error naming its cause, the good feed and the good episodes must be analysed in the same run,
 * and the private server must never see a request.
 */
@Tag("hostile")
class HostileServerTest {
    private static final InetAddress PUBLIC = address(127, 0, 0, 2);
    private static final InetAddress PRIVATE = address(127, 0, 0, 1);
    private static HostileHttpServer web;
    private static HostileHttpServer internal;
    private static final AtomicInteger rebindLookups = new AtomicInteger();

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    static void servers() throws Exception {
        web = new HostileHttpServer(PUBLIC, Path.of("src/main/resources/demo").toAbsolutePath());
        internal = new HostileHttpServer(PRIVATE, null);
        internal.on("/secret", (s, out) -> respond(out, 200, "text/plain", Map.of(), "secret".getBytes()));
        byte[] feed = Files.readAllBytes(Path.of("src/main/resources/demo/data-bench.xml"));
        web.on("/to-internal.xml", (s, out) -> head(out, 302, Map.of("Location",
                "http://127.0.0.1:" + internal.port() + "/secret", "Content-Length", "0")));
        web.on("/to-internal-name.xml", (s, out) -> head(out, 301, Map.of("Location",
                "http://internal.test:" + internal.port() + "/secret", "Content-Length", "0")));
        web.on("/loop-a.xml", (s, out) -> head(out, 302, Map.of("Location", "/loop-b.xml", "Content-Length", "0")));
        web.on("/loop-b.xml", (s, out) -> head(out, 302, Map.of("Location", "/loop-a.xml", "Content-Length", "0")));
        web.on("/drip.xml", (s, out) -> {
            head(out, 200, Map.of("Content-Type", "application/rss+xml", "Content-Length", "100000"));
            for (int i = 0; i < 200; i++) {
                out.write('<');
                out.flush();
                Thread.sleep(100);
            }
        });
        web.on("/silent.xml", (s, out) -> {
            head(out, 200, Map.of("Content-Type", "application/rss+xml", "Content-Length", "5000"));
            Thread.sleep(30_000);
        });
        web.on("/short.xml", (s, out) -> {
            head(out, 200, Map.of("Content-Type", "application/rss+xml", "Content-Length", "100000"));
            out.write(feed, 0, 500);
        });
        web.on("/reset.xml", (s, out) -> HostileHttpServer.reset(s));
        web.on("/reset-midway.xml", (s, out) -> {
            head(out, 200, Map.of("Content-Type", "application/rss+xml", "Content-Length", String.valueOf(feed.length)));
            out.write(feed, 0, 300);
            out.flush();
            HostileHttpServer.reset(s);
        });
        web.on("/garbage.xml", (s, out) -> out.write("SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII)));
        byte[] gzip = Bombs.gzip(1L << 30);
        byte[] deflate = Bombs.deflate(256L << 20);
        byte[] brotli = Files.readAllBytes(Path.of("src/test/resources/hostile/zeros-1GiB.br"));
        web.on("/gzip-bomb.xml", (s, out) -> respond(out, 200, "application/rss+xml",
                Map.of("Content-Encoding", "gzip"), gzip));
        web.on("/deflate-bomb.xml", (s, out) -> respond(out, 200, "application/rss+xml",
                Map.of("Content-Encoding", "deflate"), deflate));
        web.on("/br-bomb.xml", (s, out) -> respond(out, 200, "application/rss+xml",
                Map.of("Content-Encoding", "br"), brotli));
        web.on("/transcript-bomb.json", (s, out) -> respond(out, 200, "application/json",
                Map.of("Content-Encoding", "gzip"), gzip));
        web.on("/transcript-reset.vtt", (s, out) -> HostileHttpServer.reset(s));
        web.on("/local-links.xml", (s, out) -> respond(out, 200, "application/rss+xml", Map.of(), """
                <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Links</title>
                <item><title>Upper</title><guid>l1</guid><podcast:transcript url="FILE:/etc/passwd" type="text/plain"/></item>
                <item><title>Lower</title><guid>l2</guid><podcast:transcript url="file:///etc/passwd" type="text/plain"/></item>
                </channel></rss>""".getBytes(StandardCharsets.UTF_8)));
        // locked (it may not move hosts) and announcing a new address inside the private network
        String locked = new String(feed, StandardCharsets.UTF_8).replace("<language>en</language>",
                "<language>en</language><podcast:locked>yes</podcast:locked><itunes:new-feed-url>http://internal.test:"
                        + internal.port() + "/secret</itunes:new-feed-url>");
        web.on("/locked.xml", (s, out) -> respond(out, 200, "application/rss+xml", Map.of(), locked.getBytes(
                StandardCharsets.UTF_8)));
        web.on("/endless.xml", (s, out) -> endless(s, out, "application/rss+xml"));
        web.on("/endless.mp3", (s, out) -> endless(s, out, "audio/mpeg"));
        web.on("/mixed.xml", (s, out) -> respond(out, 200, "application/rss+xml", Map.of(), mixedFeed()));
        web.on("/html-audio.mp3", (s, out) -> respond(out, 200, "text/html", Map.of(),
                "<!doctype html><title>Episode</title>".getBytes()));
        web.on("/html-audio-untyped.mp3", (s, out) -> respond(out, 200, "audio/mpeg", Map.of(),
                "<!DOCTYPE html>\n<html><body>Sign in to listen</body></html>".getBytes()));
        web.on("/short-audio.mp3", (s, out) -> {
            head(out, 200, Map.of("Content-Type", "audio/mpeg", "Content-Length", "900000"));
            out.write(new byte[4096]);
        });
    }

    /** A chunked body that never ends: 64 KiB every 5 ms until the client hangs up; counts what it sent. */
    private static final java.util.concurrent.atomic.AtomicLong endlessSent = new java.util.concurrent.atomic.AtomicLong();

    private static void endless(Socket s, OutputStream out, String type) throws IOException, InterruptedException {
        head(out, 200, Map.of("Content-Type", type, "Transfer-Encoding", "chunked"));
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long end = System.nanoTime() + 30_000_000_000L; System.nanoTime() < end; ) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            endlessSent.addAndGet(chunk.length);
            Thread.sleep(5);
        }
    }

    /** A good episode next to one whose transcript is a gzip bomb and one whose transcript server resets. */
    private static byte[] mixedFeed() {
        return ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>
                <title>Mixed</title>
                <item><title>Good</title><guid>m1</guid><pubDate>Mon, 23 Nov 2026 12:00:00 +0000</pubDate>
                  <podcast:transcript url="data-bench-17.md" type="text/markdown"/></item>
                <item><title>Bomb</title><guid>m2</guid><pubDate>Sun, 22 Nov 2026 12:00:00 +0000</pubDate>
                  <podcast:transcript url="transcript-bomb.json" type="application/json"/></item>
                <item><title>Reset</title><guid>m3</guid><pubDate>Sat, 21 Nov 2026 12:00:00 +0000</pubDate>
                  <podcast:transcript url="transcript-reset.vtt" type="text/vtt"/></item>
                </channel></rss>
                """).getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws IOException {
        web.close();
        internal.close();
    }

    /** *.test names point at the "public" 127.0.0.2; internal.test and every second look-up of rebind.test do not. */
    static Fetcher fetcher() {
        AddressPolicy.Resolver dns = host -> {
            if (host.equals("internal.test")) {
                return new InetAddress[] {PRIVATE};
            }
            if (host.equals("rebind.test")) {
                return new InetAddress[] {rebindLookups.incrementAndGet() % 2 == 1 ? PUBLIC : PRIVATE};
            }
            if (host.endsWith(".test")) {
                return new InetAddress[] {PUBLIC};
            }
            return InetAddress.getAllByName(host);
        };
        AddressPolicy policy = new AddressPolicy(false, dns, a -> !a.equals(PUBLIC) && AddressPolicy.isBlocked(a));
        return new Fetcher(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3),
                Map.of(Fetcher.Kind.FEED, 5_000_000L, Fetcher.Kind.TRANSCRIPT, 1_000_000L,
                        Fetcher.Kind.OPML, 1_000_000L), policy);
    }

    private static String url(String host, String path) {
        return "http://" + host + ":" + web.port() + path;
    }

    @Test
    void everyHostileFeedFailsClearlyAndTheGoodOnesAreAnalysedInTheSameRun(@TempDir Path dir) throws Exception {
        // feed path → what its error must say
        Map<String, String> hostile = new LinkedHashMap<>();
        hostile.put(url("rebind.test", "/data-bench.xml"), "private or local address (127.0.0.1)");
        hostile.put(url("web.test", "/to-internal.xml"), "private or local address (127.0.0.1)");
        hostile.put(url("web.test", "/to-internal-name.xml"), "private or local address (127.0.0.1)");
        hostile.put(url("internal.test", "/secret"), "PODSIFT_ALLOW_PRIVATE_NETWORKS");
        hostile.put(url("loop.test", "/loop-a.xml"), "redirect loop");
        hostile.put(url("drip.test", "/drip.xml"), "PODSIFT_HTTP_DEADLINE_SECONDS");
        hostile.put(url("silent.test", "/silent.xml"), "PODSIFT_HTTP_");
        hostile.put(url("short.test", "/short.xml"), "Premature end");
        hostile.put(url("reset.test", "/reset.xml"), "cannot fetch");
        hostile.put(url("reset2.test", "/reset-midway.xml"), "cannot fetch");
        hostile.put(url("garbage.test", "/garbage.xml"), "cannot fetch");
        hostile.put(url("gzip.test", "/gzip-bomb.xml"), "PODSIFT_MAX_DOWNLOAD_BYTES, counted after decompression");
        hostile.put(url("deflate.test", "/deflate-bomb.xml"), "PODSIFT_MAX_DOWNLOAD_BYTES, counted after decompression");
        hostile.put(url("br.test", "/br-bomb.xml"), "PODSIFT_MAX_DOWNLOAD_BYTES, counted after decompression");
        String good = url("good.test", "/data-bench.xml");
        String mixed = url("mixed.test", "/mixed.xml");
        String lockedFeed = url("locked.test", "/locked.xml");
        // an upper-case scheme is still the network: read over HTTP, and its feed may not name local files
        String upper = url("upper.test", "/local-links.xml").replace("http://", "HTTP://");
        Config config = Config.from(Map.of("PODSIFT_DATA", dir.toString(), "PODSIFT_ASR", "off"));
        long t0 = System.nanoTime();
        try (App app = new App(config, Clock.systemUTC(), fetcher())) {
            app.podcasts().add(good);
            app.podcasts().add(mixed);
            app.podcasts().add(lockedFeed);
            app.podcasts().add(upper);
            for (String u : hostile.keySet()) {
                app.podcasts().add(u);
            }
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            app.pipeline(new Progress(new PrintStream(log, true, StandardCharsets.UTF_8), false, app.clock()))
                    .run(app.podcasts().list(), null, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            Map<String, StoredPodcast> byUrl = new HashMap<>();
            for (StoredPodcast p : app.podcasts().list()) {
                byUrl.put(p.url(), p);
            }
            for (Map.Entry<String, String> e : hostile.entrySet()) {
                StoredPodcast p = byUrl.get(e.getKey());
                assertNotNull(p, e.getKey());
                assertNotNull(p.lastError(), e.getKey() + " has an error");
                assertTrue(p.lastError().contains(e.getValue()), e.getKey() + ": " + p.lastError());
                System.out.println("HostileServerTest: " + e.getKey().replaceAll(":\\d+", "") + " → " + p.lastError());
            }
            StoredPodcast goodFeed = byUrl.get(good);
            assertEquals(null, goodFeed.lastError());
            assertEquals(2, app.episodes().inStage(goodFeed.id(), Stage.ANALYZED).size(), "the good feed is analysed");
            StoredPodcast lockedOne = byUrl.get(lockedFeed);
            assertNotNull(lockedOne, "a refused new-feed-url leaves the feed where it was");
            assertEquals(2, app.episodes().inStage(lockedOne.id(), Stage.ANALYZED).size(), "a locked feed is read");
            assertTrue(lockedOne.lastError().contains("itunes:new-feed-url") && lockedOne.lastError()
                    .contains("private or local address"), lockedOne.lastError());
            StoredPodcast mixedFeed = byUrl.get(mixed);
            assertEquals(List.of("Good"), app.episodes().inStage(mixedFeed.id(), Stage.ANALYZED).stream()
                    .map(StoredEpisode::title).toList());
            Map<String, String> failed = new HashMap<>();
            for (StoredEpisode ep : app.episodes().inStage(mixedFeed.id(), Stage.FAILED)) {
                failed.put(ep.title(), ep.failureReason());
            }
            assertTrue(failed.get("Bomb").contains("PODSIFT_MAX_TRANSCRIPT_BYTES"), failed.toString());
            assertEquals(1, failed.size(), "a bomb is final: " + failed);
            // a reset may pass: the episode stays NEW and waits for its retry, with the reason kept
            StoredEpisode reset = app.episodes().inStage(mixedFeed.id(), Stage.NEW).get(0);
            assertEquals("Reset", reset.title());
            assertTrue(reset.failureReason().contains("cannot fetch") && reset.failureReason().contains("try 1 of 4"),
                    reset.failureReason());
            StoredPodcast links = byUrl.get(upper);
            assertNull(links.lastError(), "fetched over the network, not read as a path");
            List<StoredEpisode> refused = app.episodes().inStage(links.id(), Stage.FAILED);
            assertEquals(2, refused.size(), "neither local transcript was read");
            for (StoredEpisode ep : refused) {
                assertTrue(ep.failureReason().contains("a remote feed cannot name a local file"), ep.failureReason());
            }
            assertEquals(0, internal.requests.get(), "nothing reached the private network");
            assertTrue(seconds < 90, "no hostile server held the run: " + seconds + " s");
            String out = log.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("gzip-bomb.xml"), "each failure is reported: " + out);
        }
    }

    @Test
    void aBodyOverItsCapIsCutOffThereNotReadToItsEnd(@TempDir Path dir) throws Exception {
        // a generous whole-request deadline: only cutting the connection at the cap ends these quickly
        AddressPolicy.Resolver dns = host -> new InetAddress[] {PUBLIC};
        Fetcher f = new Fetcher(Duration.ofSeconds(5), Duration.ofSeconds(25), Duration.ofSeconds(25),
                Map.of(Fetcher.Kind.FEED, 1_000_000L, Fetcher.Kind.TRANSCRIPT, 1_000_000L, Fetcher.Kind.OPML, 1_000_000L),
                new AddressPolicy(false, dns, a -> !a.equals(PUBLIC) && AddressPolicy.isBlocked(a)));
        for (String path : List.of("/endless.xml", "/endless.mp3")) {
            endlessSent.set(0);
            long t0 = System.nanoTime();
            FeedException e = assertThrows(FeedException.class, () -> {
                if (path.endsWith(".xml")) {
                    f.fetch(url("endless.test", path));
                } else {
                    f.download(url("endless.test", path), dir, "a.mp3", 1_000_000);
                }
            });
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(e.getMessage().contains("limit of 1000000"), e.getMessage());
            assertTrue(seconds < 10, path + ": given up at the cap, not drained to the deadline: " + seconds + " s");
            Thread.sleep(300);
            assertTrue(endlessSent.get() < 20_000_000, path + ": the server stopped being read: " + endlessSent.get());
        }
    }

    @Test
    void aNameThatRebindsBetweenCheckAndConnectIsRefused() {
        FeedException e = assertThrows(FeedException.class,
                () -> fetcher().fetch(url("rebind.test", "/data-bench.xml")));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertEquals(0, internal.requests.get());
    }

    @Test
    void audioDownloadsRefuseWebPagesAndShortBodiesAndLeaveNoFile(@TempDir Path dir) throws Exception {
        Fetcher f = fetcher();
        for (String path : List.of("/html-audio.mp3", "/html-audio-untyped.mp3", "/short-audio.mp3")) {
            FeedException e = assertThrows(FeedException.class,
                    () -> f.download(url("audio.test", path), dir, "episode.mp3", 10_000_000));
            assertTrue(e.getMessage().contains("web page") || e.getMessage().contains("cut off"), e.getMessage());
        }
        FeedException big = assertThrows(FeedException.class,
                () -> f.download(url("audio.test", "/short-audio.mp3"), dir, "episode.mp3", 1000));
        assertTrue(big.getMessage().contains("PODSIFT_MAX_AUDIO_BYTES"), big.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no partial file left behind");
        }
    }

    @Test
    void anOpmlFileByUrlGoesThroughTheSameFetcherAndCap() throws Exception {
        web.on("/subs.opml", (s, out) -> respond(out, 200, "text/x-opml", Map.of("Content-Encoding", "gzip"),
                Bombs.gzip(64L << 20)));
        FeedException e = assertThrows(FeedException.class,
                () -> dev.podsift.feed.Opml.load(fetcher(), url("opml.test", "/subs.opml"), 100));
        assertTrue(e.getMessage().contains("PODSIFT_MAX_OPML_BYTES"), e.getMessage());
        FeedException blocked = assertThrows(FeedException.class,
                () -> dev.podsift.feed.Opml.load(fetcher(), "http://internal.test:" + internal.port() + "/secret", 100));
        assertTrue(blocked.getMessage().contains("PODSIFT_ALLOW_PRIVATE_NETWORKS"), blocked.getMessage());
        for (String local : new String[] {"/etc/passwd", "FILE:/etc/passwd", "file:///etc/passwd"}) {
            web.on("/local.opml", (s, out) -> respond(out, 200, "text/x-opml", Map.of(), ("<opml><body>"
                    + "<outline xmlUrl=\"" + url("web.test", "/data-bench.xml") + "\"/><outline xmlUrl=\"" + local
                    + "\"/></body></opml>").getBytes(StandardCharsets.UTF_8)));
            FeedException listed = assertThrows(FeedException.class,
                    () -> dev.podsift.feed.Opml.load(fetcher(), url("opml.test", "/local.opml"), 100));
            assertTrue(listed.getMessage().contains(local + ", which is not an http(s) URL"), listed.getMessage());
        }
    }
}

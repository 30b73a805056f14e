package dev.podsift.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.support.HostileHttpServer;
import dev.podsift.support.LocalHttpServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** User-given URLs cannot reach local or private addresses unless the operator allows it; redirects are checked. */
class FetcherSafetyTest {
    private static Fetcher fetcher(boolean allowPrivate) {
        return new Fetcher(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(2), 1_000_000,
                AddressPolicy.of(allowPrivate));
    }

    /** Headers at once, then one byte every 200 ms of a 100-byte body: 20 s if let run. */
    private static void drip(LocalHttpServer server, String path) {
        server.handler(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "audio/mpeg");
            ex.sendResponseHeaders(200, 100);
            try (var out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException | java.io.IOException ignored) {
                // the client hung up: that is the point
            }
        });
    }

    @Test
    void aDrippingServerCannotStretchARequestPastItsDeadline(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            drip(server, "/drip.xml");
            drip(server, "/drip.mp3");
            long t0 = System.nanoTime();
            FeedException feed = assertThrows(FeedException.class, () -> fetcher(true).fetch(server.url("/drip.xml")));
            assertTrue(feed.getMessage().contains("PODSIFT_HTTP_DEADLINE_SECONDS"), feed.getMessage());
            FeedException audio = assertThrows(FeedException.class,
                    () -> fetcher(true).download(server.url("/drip.mp3"), dir, "a.mp3", 1_000_000));
            assertTrue(audio.getMessage().contains("PODSIFT_AUDIO_DEADLINE_MINUTES"), audio.getMessage());
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "both gave up near their 2 s deadlines, not after 20 s: " + seconds);
            try (var left = java.nio.file.Files.list(dir)) {
                assertEquals(0, left.count(), "the partial download is removed");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/feed", "http://localhost/feed", "http://10.1.2.3/", "http://172.16.0.1/",
            "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://0.0.0.0/",
            "http://[::1]/", "http://[fd00::1]/", "http://[fe80::1]/", "http://[::ffff:10.0.0.1]/",
            "http://[::ffff:127.0.0.1]/", "http://[2002:c0a8:0101::1]/", "http://224.0.0.1/", "http://2130706433/"})
    void privateAndLocalAddressesAreRefusedBeforeConnecting(String url) {
        FeedException e = assertThrows(FeedException.class, () -> fetcher(false).fetch(url));
        assertTrue(e.getMessage().contains("PODSIFT_ALLOW_PRIVATE_NETWORKS")
                || e.getMessage().contains("unknown host"), url + ": " + e.getMessage());
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String a : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "100.128.0.1", "172.32.0.1"}) {
            assertFalse(AddressPolicy.isBlocked(InetAddress.getByName(a)), a);
        }
    }

    @Test
    void credentialsAndOtherSchemesAreRefused() {
        AddressPolicy p = AddressPolicy.of(true);
        FeedException creds = assertThrows(FeedException.class,
                () -> p.check(URI.create("https://user:secret@feeds.example/rss")));
        assertFalse(creds.getMessage().contains("secret"), "the password is not echoed: " + creds.getMessage());
        assertThrows(FeedException.class, () -> p.check(URI.create("ftp://feeds.example/rss")));
        assertThrows(FeedException.class, () -> p.check(URI.create("gopher://feeds.example/")));
    }

    @Test
    void aHostThatResolvesToAPrivateAddressIsRefusedWhateverItsName() {
        AtomicInteger lookups = new AtomicInteger();
        AddressPolicy p = new AddressPolicy(false, host -> {
            lookups.incrementAndGet();
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                    InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})};
        });
        FeedException e = assertThrows(FeedException.class, () -> p.check(URI.create("https://feeds.example/rss")));
        assertTrue(e.getMessage().contains("10.0.0.7"), e.getMessage());
        assertEquals(1, lookups.get());
    }

    @Test
    void localServerIsRefusedByDefaultAndAllowedWhenTheOperatorSaysSo() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            server.route("/feed.xml", new LocalHttpServer.Route(200, "application/rss+xml",
                    "<rss/>".getBytes(StandardCharsets.UTF_8), 0));
            FeedException e = assertThrows(FeedException.class, () -> fetcher(false).fetch(server.url("/feed.xml")));
            assertTrue(e.getMessage().contains("127.0.0.1") && e.getMessage().contains("PODSIFT_ALLOW_PRIVATE_NETWORKS"),
                    e.getMessage());
            assertEquals(0, server.requests.get(), "nothing was sent");
            assertArrayEquals("<rss/>".getBytes(StandardCharsets.UTF_8),
                    fetcher(true).fetch(server.url("/feed.xml")).body());
        }
    }

    @Test
    void redirectsAreFollowedWithinLimitsAndLoopsStop() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            server.route("/feed.xml", new LocalHttpServer.Route(200, "application/rss+xml",
                    "<rss/>".getBytes(StandardCharsets.UTF_8), 0));
            for (int i = 0; i < 7; i++) {
                String next = i == 6 ? "/feed.xml" : "/hop" + (i + 1);
                server.handler("/hop" + i, ex -> {
                    ex.getResponseHeaders().set("Location", next);
                    ex.sendResponseHeaders(302, -1);
                    ex.close();
                });
            }
            server.handler("/loop-a", ex -> {
                ex.getResponseHeaders().set("Location", "/loop-b");
                ex.sendResponseHeaders(301, -1);
                ex.close();
            });
            server.handler("/loop-b", ex -> {
                ex.getResponseHeaders().set("Location", "/loop-a");
                ex.sendResponseHeaders(308, -1);
                ex.close();
            });
            server.handler("/to-metadata", ex -> {
                ex.getResponseHeaders().set("Location", "file:///etc/passwd");
                ex.sendResponseHeaders(302, -1);
                ex.close();
            });
            Fetcher f = fetcher(true);
            Fetcher.Fetched ok = f.fetch(server.url("/hop2")); // 4 redirects + the feed
            assertTrue(ok.url().endsWith("/feed.xml"), ok.url());
            FeedException tooMany = assertThrows(FeedException.class, () -> f.fetch(server.url("/hop0")));
            assertTrue(tooMany.getMessage().contains("more than 5 redirects"), tooMany.getMessage());
            FeedException loop = assertThrows(FeedException.class, () -> f.fetch(server.url("/loop-a")));
            assertTrue(loop.getMessage().contains("redirect loop"), loop.getMessage());
            FeedException scheme = assertThrows(FeedException.class, () -> f.fetch(server.url("/to-metadata")));
            assertTrue(scheme.getMessage().contains("not an http(s) URL"), scheme.getMessage());
        }
    }

    @Test
    void aLyingContentLengthCostsTheBytesSentNotTheBytesAnnounced() throws Exception {
        long announced = 50L << 20;
        byte[] sent = "<rss><channel><title>fifty bytes, no more</title>".getBytes(StandardCharsets.UTF_8);
        try (HostileHttpServer server = new HostileHttpServer(InetAddress.getLoopbackAddress(), null)) {
            server.on("/liar.xml", HostileHttpServer.announcing(announced, sent));
            String url = "http://127.0.0.1:" + server.port() + "/liar.xml";
            Fetcher fetcher = new Fetcher(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                    announced, AddressPolicy.of(true));
            assertThrows(FeedException.class, () -> fetcher.fetch(url)); // loads the classes on the way
            var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(36);
            try {
                java.util.List<java.util.concurrent.Future<Long>> each = new java.util.ArrayList<>();
                for (int i = 0; i < 36; i++) {
                    each.add(pool.submit(() -> {
                        long before = threads.getCurrentThreadAllocatedBytes();
                        FeedException e = assertThrows(FeedException.class, () -> fetcher.fetch(url));
                        assertTrue(e.getMessage().contains("liar.xml"), e.getMessage());
                        return threads.getCurrentThreadAllocatedBytes() - before;
                    }));
                }
                for (java.util.concurrent.Future<Long> f : each) {
                    long allocated = f.get();
                    assertTrue(allocated < 4L << 20, "a fetch of 50 bytes announced as 50 MiB allocated "
                            + allocated / 1024 + " KiB");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aByteCapBeyondOneArrayIsRefusedAtStartUpNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dev.podsift.config.Config.from(
                java.util.Map.of("PODSIFT_MAX_DOWNLOAD_BYTES", String.valueOf(3L << 30))));
        assertTrue(e.getMessage().contains("PODSIFT_MAX_DOWNLOAD_BYTES") && e.getMessage().contains("3221225472"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> dev.podsift.config.Config.from(
                java.util.Map.of("PODSIFT_MAX_TRANSCRIPT_BYTES", String.valueOf(Integer.MAX_VALUE))));
        assertEquals(3L << 30, dev.podsift.config.Config.from(java.util.Map.of("PODSIFT_MAX_AUDIO_BYTES",
                String.valueOf(3L << 30))).asr().maxAudioBytes(), "audio goes to disk: no such limit");
    }

    @Test
    void bodiesAreReadWholeWhateverTheirAnnouncedLength() throws Exception {
        byte[] body = new byte[300_000];
        java.util.Arrays.fill(body, (byte) 'x');
        for (long expected : new long[] {-1, body.length}) {
            assertArrayEquals(body, CappedBody.read(new java.io.ByteArrayInputStream(body), expected, 1_000_000,
                    "u", "S"), "announced " + expected);
        }
        // longer than announced: read on, to the cap
        assertArrayEquals(body, CappedBody.read(new java.io.ByteArrayInputStream(body), 10, 1_000_000, "u", "S"));
        FeedException over = assertThrows(FeedException.class,
                () -> CappedBody.read(new java.io.ByteArrayInputStream(body), 10, 299_999, "u", "SETTING"));
        assertTrue(over.getMessage().contains("SETTING"), over.getMessage());
        FeedException shortBody = assertThrows(FeedException.class,
                () -> CappedBody.read(new java.io.ByteArrayInputStream(body), 400_000, 1_000_000, "u", "S"));
        assertTrue(shortBody.getMessage().contains("stopped after 300000 of 400000"), shortBody.getMessage());
    }

    @Test
    void anUpperCaseSchemeIsTheNetworkWithItsAddressCheckNeverAPath() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            byte[] body = "<rss><channel><title>over the network</title></channel></rss>".getBytes(StandardCharsets.UTF_8);
            server.route("/feed.xml", new LocalHttpServer.Route(200, "application/rss+xml", body, 0));
            String upper = server.url("/feed.xml").replace("http://", "HTTP://");
            assertFalse(Fetcher.isLocal(upper));
            FeedException refused = assertThrows(FeedException.class, () -> fetcher(false).fetch(upper));
            assertTrue(refused.getMessage().contains("PODSIFT_ALLOW_PRIVATE_NETWORKS"), refused.getMessage());
            Fetcher.Fetched f = fetcher(true).fetch(upper);
            assertArrayEquals(body, f.body());
            assertTrue(f.url().startsWith("http://127.0.0.1:"), f.url());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "file:///etc/passwd", "FILE:/etc/passwd", "File:///etc/passwd"})
    void aRedirectNeverLeadsToALocalFile(String location) throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            server.handler("/moved.xml", ex -> {
                ex.getResponseHeaders().set("Location", location);
                ex.sendResponseHeaders(301, -1);
                ex.close();
            });
            FeedException e = assertThrows(FeedException.class, () -> fetcher(true).fetch(server.url("/moved.xml")));
            // a path is resolved against the feed's own URL: the same server, over the network
            String expected = location.startsWith("/") ? "HTTP 404 Not Found" : "not an http(s) URL: refused";
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    @Test
    void aRedirectToAnUpperCaseSchemeMovesTheFeedToTheNetworkUrl() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer(null)) {
            server.route("/target.xml", new LocalHttpServer.Route(200, "application/rss+xml",
                    "<rss><channel><title>T</title></channel></rss>".getBytes(StandardCharsets.UTF_8), 0));
            server.handler("/moved.xml", ex -> {
                ex.getResponseHeaders().set("Location", server.url("/target.xml").replace("http://", "HTTP://"));
                ex.sendResponseHeaders(301, -1);
                ex.close();
            });
            Fetcher.Polled p = fetcher(true).poll(server.url("/moved.xml"), Fetcher.Validators.NONE);
            assertEquals(server.url("/target.xml"), p.movedTo().toString(), "stored as a URL no check reads as a path");
        }
    }

    @ParameterizedTest(name = "{0} blocked={1}")
    @org.junit.jupiter.params.provider.CsvSource({
            // IPv4 in the forms inet_aton reads (octal, hex, short, one number), as the OS would connect
            "127.0.0.1, true", "0177.0.0.1, true", "0x7f.1, true", "2130706433, true", "127.1, true",
            "0x7f000001, true", "017700000001, true", "0300.0250.1.1, true", "10.1, true", "0xa.0.0.1, true",
            "0.0.0.0, true", "8.8.8.8, false", "010.010.010.010, false", "0x08080808, false", "134744072, false",
            "177.0.0.1, false", "8.8.2056, false",
            // IPv6 wrapping an IPv4 address: mapped, compatible, translated, NAT64, 6to4, Teredo
            "::ffff:10.0.0.1, true", "::10.0.0.1, true", "::ffff:0:10.0.0.1, true", "::ffff:0:7f00:1, true",
            "::ffff:0:8.8.8.8, false", "64:ff9b::10.0.0.1, true", "64:ff9b::7f00:1, true", "64:ff9b::c0a8:1, true",
            "64:ff9b::8.8.8.8, false", "64:ff9b:1::8.8.8.8, true", "2002:7f00:1::1, true", "2002:c0a8:101::1, true",
            "2002:808:808::1, false", "2001:0:7f00:1::1, true", "2001:0:4136:e378:8000:63bf:f5ff:fffe, true",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7, false", "2606:4700::1111, false"})
    void addressFormsAreClassifiedAsTheOsReadsThem(String host, boolean blocked) throws Exception {
        AddressPolicy policy = AddressPolicy.of(false);
        if (blocked) {
            FeedException e = assertThrows(FeedException.class, () -> policy.addresses(host));
            assertTrue(e.getMessage().contains("PODSIFT_ALLOW_PRIVATE_NETWORKS"), e.getMessage());
        } else {
            assertEquals(1, policy.addresses(host).length, host);
        }
    }
}

package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.feed.FeedParser;
import dev.podsift.model.Feed;
import dev.podsift.store.Subscriber;
import dev.podsift.support.LocalHttpServer;
import dev.podsift.support.ServiceFixture;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app over real HTTP on 127.0.0.1 with a real SMTP server: double opt-in, magic-link session, form tokens,
 * following feeds (good, hostile and unreachable), settings, making today's digest, votes from the page and from
 * the email, RFC 8058 unsubscribe, the private RSS/Atom feeds, the JSON API, search, escaping and rate limits.
 */
class WebAppTest {

    private static final java.util.Random PORTS = new java.util.Random();

    /**
     * A port to start a server on later: one below the range the system hands out by itself (to a server bound to
     * port 0, or to the client end of a connection), that was free a moment ago. A port taken from that range could be
     * handed to another server or connection of the same test before ours binds it ("port already in use").
     */
    static int freePort() throws Exception {
        int below = 32768;
        try {
            String[] range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim().split("\\s+");
            below = Integer.parseInt(range[0]);
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: below the usual range
        }
        int from = Math.max(1024, Math.min(20000, below - 4000));
        for (int tries = 0; tries < 200; tries++) {
            int port = from + PORTS.nextInt(Math.max(1, below - from));
            try (ServerSocket s = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (java.io.IOException taken) {
                // try another
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String link(String text, String path) {
        Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+" + Pattern.quote(path) + "\\?t=[A-Za-z0-9_.\\-]+)").matcher(text);
        assertTrue(m.find(), "no " + path + " link in: " + text);
        return m.group(1);
    }

    static String text(MimeMessage m) throws Exception {
        Object c = m.getContent();
        return c instanceof Multipart mp ? (String) mp.getBodyPart(0).getContent() : (String) c;
    }

    @Test
    void signUpFollowReadVoteUnsubscribe(@TempDir Path dir) throws Exception {
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base));
             WebApp web = new WebApp(f.service);
             LocalHttpServer hostile = new LocalHttpServer(null)) {
            web.start("127.0.0.1", port);
            f.service.startTasks(1);
            WebClient browser = new WebClient(base);

            HttpResponse<String> home = browser.get("/");
            assertEquals(200, home.statusCode());
            String csp = home.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'"), csp);
            assertNotNull(browser.csrf);

            // a form without its token is refused
            String saved = browser.csrf;
            browser.csrf = null;
            assertEquals(403, browser.post("/signup", "email", "eve@example.com", "time", "07:00", "zone", "UTC").statusCode());
            browser.csrf = saved;

            HttpResponse<String> signUp = browser.post("/signup", "email", "Ada@Example.com", "time", "07:00",
                    "zone", "Europe/Paris");
            assertEquals(200, signUp.statusCode(), signUp.body());
            assertTrue(signUp.body().contains("Check your inbox"));
            assertTrue(f.smtp.waitForIncomingEmail(10_000, 1), "the confirmation is sent in the background");
            MimeMessage confirm = f.smtp.getReceivedMessages()[0];
            assertEquals("Confirm your Podsift subscription", confirm.getSubject());
            Subscriber pending = f.app.subscribers().findByEmail("ada@example.com").orElseThrow();
            assertEquals(Subscriber.PENDING, pending.status(), "nothing is active before the link is used");
            f.service.deliver();
            assertEquals(1, f.smtp.getReceivedMessages().length, "no digest to an unconfirmed address");

            // a mail scanner opening the link confirms nothing; the person's click does, once
            WebClient linkScanner = new WebClient(base);
            HttpResponse<String> asked = linkScanner.get(link(text(confirm), "/confirm"));
            assertEquals(200, asked.statusCode());
            assertTrue(asked.body().contains("ada@example.com"), asked.body());
            assertEquals(Subscriber.PENDING, f.app.subscribers().find(pending.id()).orElseThrow().status());
            HttpResponse<String> confirmed = browser.press(link(text(confirm), "/confirm"), "/confirm");
            assertEquals(302, confirmed.statusCode(), confirmed.body());
            assertEquals("/settings?welcome=1", confirmed.headers().firstValue("Location").orElse(""));
            assertEquals(Subscriber.ACTIVE, f.app.subscribers().find(pending.id()).orElseThrow().status());
            HttpResponse<String> settings = browser.get("/settings?welcome=1");
            assertEquals(200, settings.statusCode());
            assertTrue(settings.body().contains("You're subscribed"));

            // follow: a good feed, a local path, an unreachable host, a feed whose title is a script; the request
            // only queues the read, and the page shows each feed's state once the background workers read it
            HttpResponse<String> added = browser.post("/feeds", "url", f.feed("shipping-software.xml"));
            assertEquals(200, added.statusCode(), added.body());
            assertTrue(added.body().contains("it is being read now"), added.body());
            HttpResponse<String> local = browser.post("/feeds", "url", "/etc/passwd");
            assertEquals(400, local.statusCode());
            assertTrue(local.body().contains("starting with http:// or https://"));
            HttpResponse<String> down = browser.post("/feeds", "url", "http://127.0.0.1:1/feed.xml");
            assertEquals(200, down.statusCode(), down.body());
            hostile.route("/evil.xml", new LocalHttpServer.Route(200, "application/rss+xml", ("<rss version=\"2.0\"><channel>"
                    + "<title>&lt;script&gt;alert(1)&lt;/script&gt;Evil &lt;img src=x onerror=alert(2)&gt;</title>"
                    + "<item><title>x</title><guid>1</guid></item></channel></rss>").getBytes(StandardCharsets.UTF_8), 0));
            HttpResponse<String> evil = browser.post("/feeds", "url", hostile.url("/evil.xml"));
            assertEquals(200, evil.statusCode());
            browser.post("/feeds", "url", f.feed("founder-hours.xml"));
            browser.post("/feeds", "url", f.feed("data-bench.xml"));
            waitUntil(() -> f.app.subscribers().podcasts(pending.id()).stream().allMatch(p -> p.lastCheckedAt() != null),
                    "the background workers read every followed feed");
            HttpResponse<String> states = browser.get("/settings");
            assertTrue(states.body().contains("Shipping Software"), states.body());
            assertFalse(states.body().contains("<script>alert(1)"), "feed text is escaped");
            assertFalse(states.body().contains("<img src=x"), "feed text is escaped");
            assertTrue(states.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;Evil"), states.body());
            assertTrue(f.app.podcasts().find("http://127.0.0.1:1/feed.xml").orElseThrow().lastError() != null,
                    "the unreachable feed says what went wrong");

            HttpResponse<String> prefs = browser.post("/settings", "topics", "incident reviews and small releases",
                    "time", "06:30", "zone", "Asia/Tokyo");
            assertEquals(200, prefs.statusCode());
            Subscriber s = f.app.subscribers().find(pending.id()).orElseThrow();
            assertEquals("incident reviews and small releases", s.topics());
            assertEquals("06:30", s.deliveryTime().toString());
            assertEquals("Asia/Tokyo", s.zone().getId());
            assertEquals(400, browser.post("/settings", "topics", "", "time", "7am", "zone", "UTC").statusCode());
            assertEquals(400, browser.post("/settings", "topics", "", "time", "07:00", "zone", "Mars/Olympus").statusCode());

            // make today's digest now: queued for the background workers; the page shows it, and it is emailed
            // (today's one email)
            browser.get("/today");
            HttpResponse<String> run = browser.post("/run");
            assertEquals(302, run.statusCode());
            assertTrue(f.smtp.waitForIncomingEmail(120_000, 2), "today's digest is sent by the background workers");
            HttpResponse<String> today = browser.get("/today");
            int items = count(today.body(), "class=\"card insight\"");
            assertEquals(5, items, today.body());
            assertEquals(2, f.smtp.getReceivedMessages().length);
            MimeMessage digest = f.smtp.getReceivedMessages()[1];
            assertTrue(digest.getSubject().startsWith("Your top 5 insights"), digest.getSubject());
            assertFalse(today.body().contains("Make today's digest now"), "today's digest exists: no second run");

            // vote on the page, then change it from the email's 👎 link; a second GET changes nothing
            Matcher insight = Pattern.compile("name=\"insight\" value=\"(\\d+)\"").matcher(today.body());
            assertTrue(insight.find());
            long first = Long.parseLong(insight.group(1));
            HttpResponse<String> voted = browser.post("/vote", "insight", String.valueOf(first), "vote", "1");
            assertEquals(302, voted.statusCode());
            assertEquals("/today#i" + first, voted.headers().firstValue("Location").orElse(""),
                    "back to the insight voted on, not to the top of the page");
            assertEquals(1, f.app.subscribers().voteOf(s.id(), first));
            String mailText = text(digest);
            Matcher down1 = Pattern.compile("no  (http://\\S+/vote\\?t=\\S+)").matcher(mailText);
            assertTrue(down1.find(), mailText);
            assertTrue(down1.group(1).contains("/vote?t="));
            WebClient scanner = new WebClient(base); // a mail scanner: no cookies, follows every link
            HttpResponse<String> scanned = scanner.get(down1.group(1));
            assertEquals(200, scanned.statusCode());
            assertEquals(1, f.app.subscribers().voteOf(s.id(), first), "a GET of a vote link changes nothing");
            WebClient reader = new WebClient(base); // the reader, from the email, in a browser not signed in
            HttpResponse<String> thanks = reader.press(down1.group(1), "/vote");
            assertEquals(200, thanks.statusCode(), thanks.body());
            assertTrue(thanks.body().contains("Noted: fewer like this"), thanks.body());
            assertEquals(-1, f.app.subscribers().voteOf(s.id(), first));
            reader.press(down1.group(1), "/vote");
            assertEquals(f.app.subscribers().voteCount(), 1, "one vote per insight, however often the link is used");

            // open an insight in its episode's transcript
            HttpResponse<String> toEpisode = browser.get("/insight/" + first);
            assertEquals(302, toEpisode.statusCode());
            String episodeUrl = toEpisode.headers().firstValue("Location").orElseThrow();
            assertTrue(episodeUrl.endsWith("#i" + first), episodeUrl);
            HttpResponse<String> episode = browser.get(episodeUrl.substring(0, episodeUrl.indexOf('#')));
            assertEquals(200, episode.statusCode());
            assertTrue(episode.body().contains("id=\"i" + first + "\"") && episode.body().contains("line hit"),
                    "the insight is marked in the transcript");

            // search the archive
            String word = today.body().contains("postmortem") ? "postmortem" : "the";
            HttpResponse<String> search = browser.get("/search?q=" + word);
            assertTrue(count(search.body(), "class=\"card insight\"") >= 1, search.body());
            assertEquals(200, browser.get("/archive").statusCode());

            // private feeds: parse with our parser (and python3-feedparser when installed)
            Matcher rss = Pattern.compile("href=\"(" + Pattern.quote(base) + "/feeds/[^\"]+\\.rss)\"").matcher(browser.get("/settings").body());
            assertTrue(rss.find());
            String rssBody = scanner.get(rss.group(1)).body();
            Feed parsed = new FeedParser().parse(rssBody, rss.group(1));
            assertEquals(1, parsed.episodes().size());
            assertEquals(digest.getSubject(), parsed.episodes().get(0).title());
            String atomUrl = rss.group(1).replace(".rss", ".atom");
            Feed atom = new FeedParser().parse(scanner.get(atomUrl).body(), atomUrl);
            assertEquals(1, atom.episodes().size());
            assertEquals(404, scanner.get(rss.group(1).replace(".rss", "x.rss")).statusCode(), "a changed token is no feed");
            feedparserAccepts(dir, rssBody, scanner.get(atomUrl).body());

            // JSON API: a bearer session token; a cookie alone cannot write
            String session = browser.cookies.getCookieStore().getCookies().stream()
                    .filter(c -> c.getName().equals(WebApp.SESSION)).findFirst().orElseThrow().getValue();
            var me = browser.http.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/me"))
                    .header("Authorization", "Bearer " + session).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, me.statusCode());
            assertTrue(me.body().contains("\"email\":\"ada@example.com\""), me.body());
            assertEquals(401, browser.postRaw("/api/feeds", "{\"url\":\"" + f.feed("data-bench.xml") + "\"}",
                    "application/json").statusCode());
            var cookiePut = browser.http.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/settings"))
                    .header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"topics\":\"\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, cookiePut.statusCode(), "a cookie alone cannot write through the API");
            var overridden = browser.http.send(java.net.http.HttpRequest.newBuilder(browser.uri("/api/settings"))
                    .header("Content-Type", "application/json").header("X-HTTP-Method-Override", "PUT")
                    .header("Authorization", "Bearer " + session)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"topics\":\"\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, overridden.statusCode(), "no header turns a POST into another method");
            assertEquals("incident reviews and small releases",
                    f.app.subscribers().find(s.id()).orElseThrow().topics());

            // admin page: only for PODSIFT_ADMIN_EMAILS
            assertEquals(403, browser.get("/admin").statusCode(), "ada is not an admin");

            // unsubscribe: a GET (what mail scanners do) only asks; the one-click POST, with no cookie, does it
            String unsubscribe = digest.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
            HttpResponse<String> ask = scanner.get(unsubscribe);
            assertEquals(200, ask.statusCode());
            assertTrue(ask.body().contains("ada@example.com"));
            assertEquals(Subscriber.ACTIVE, f.app.subscribers().find(s.id()).orElseThrow().status());
            WebClient mailbox = new WebClient(base);
            HttpResponse<String> oneClick = mailbox.postRaw(unsubscribe.substring(base.length()),
                    "List-Unsubscribe=One-Click", "application/x-www-form-urlencoded");
            assertEquals(200, oneClick.statusCode(), oneClick.body());
            assertEquals(Subscriber.UNSUBSCRIBED, f.app.subscribers().find(s.id()).orElseThrow().status());
            assertEquals(400, mailbox.postRaw("/unsubscribe?t=forged.token", "List-Unsubscribe=One-Click",
                    "application/x-www-form-urlencoded").statusCode());

            assertEquals(401, browser.get("/today").statusCode(), "an unsubscribed address's session ends");

            // rate limit: five sign-ups per address per 10 minutes
            WebClient flood = new WebClient(base);
            flood.get("/");
            int last = 0;
            for (int i = 0; i < 6; i++) {
                last = flood.post("/signup", "email", "flood" + i + "@example.com", "time", "07:00", "zone", "UTC").statusCode();
            }
            assertEquals(429, last);
        }
    }

    @Test
    void anUploadTooLargeToReadIsAnsweredNotReset(@TempDir Path dir) throws Exception {
        // the server refuses it before reading; closing with the sender's bytes unread resets the connection, and
        // then the sender never sees the page naming the setting (1 upload in 10 did, before the body was drained)
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"), Map.of("PODSIFT_BASE_URL", base));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            WebClient browser = new WebClient(base);
            browser.get("/settings");
            byte[] huge = new byte[(int) f.app.config().maxOpmlBytes() + 20_000];
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> refused = browser.upload("/opml", "file", "big.opml", huge);
                assertEquals(413, refused.statusCode(), "upload " + i);
                assertTrue(refused.body().contains("PODSIFT_MAX_OPML_BYTES"), refused.body());
            }
        }
    }

    @Test
    void findPodcastsByNameStartFromTheCatalogAndSeeTheAdminPage(@TempDir Path dir) throws Exception {
        int port = freePort();
        String base = "http://127.0.0.1:" + port;
        try (LocalHttpServer apple = new LocalHttpServer(null)) {
            try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                    Map.of("PODSIFT_BASE_URL", base, "PODSIFT_PODCAST_SEARCH_URL", apple.url("/search"),
                            "PODSIFT_ADMIN_EMAILS", "root@example.com"));
                 WebApp web = new WebApp(f.service)) {
                web.start("127.0.0.1", port);
                // the iTunes Search API's documented answer: resultCount + results with feedUrl (one has none)
                apple.route("/search", new LocalHttpServer.Route(200, "text/javascript; charset=utf-8", ("""
                        {"resultCount": 2, "results": [
                          {"wrapperType": "track", "kind": "podcast", "collectionName": "Shipping Software",
                           "artistName": "Maya Chen", "feedUrl": "%s", "artworkUrl100": "https://example.com/a.jpg",
                           "collectionViewUrl": "https://podcasts.apple.com/podcast/id1"},
                          {"wrapperType": "track", "kind": "podcast", "collectionName": "No Feed Show", "artistName": "x"}]}
                        """.formatted(f.feed("shipping-software.xml"))).getBytes(StandardCharsets.UTF_8), 0));
                Subscriber root = f.app.subscribers().signUp("root@example.com", java.time.LocalTime.of(7, 0),
                        java.time.ZoneId.of("UTC"));
                f.app.subscribers().confirm(root.id());
                WebClient browser = new WebClient(base);
                browser.get("/");
                browser.post("/login", "email", "root@example.com");
                assertTrue(f.smtp.waitForIncomingEmail(10_000, 1));
                assertEquals(302, browser.press(link(text(f.smtp.getReceivedMessages()[0]), "/auth"), "/auth").statusCode());

                HttpResponse<String> settings = browser.get("/settings");
                assertTrue(settings.body().contains("Start with a few well-known shows"), "the starter catalog is offered");
                HttpResponse<String> found = browser.get("/settings?q=shipping%20software");
                assertTrue(apple.lastHeaders != null);
                assertTrue(found.body().contains("Shipping Software") && found.body().contains("Maya Chen"), found.body());
                assertFalse(found.body().contains("No Feed Show"), "a result without a feed cannot be followed");
                assertTrue(found.body().contains("value=\"" + f.feed("shipping-software.xml") + "\""));
                assertEquals(200, browser.post("/feeds", "url", f.feed("shipping-software.xml")).statusCode());

                HttpResponse<String> catalog = browser.post("/catalog", "topic", "Software engineering");
                assertEquals(200, catalog.statusCode());
                assertTrue(catalog.body().contains("Following 4 shows on Software engineering"), catalog.body());
                assertTrue(catalog.body().contains("Talk Python To Me"));
                assertEquals(5, f.app.subscribers().podcasts(root.id()).size());
                assertEquals(400, browser.post("/catalog", "topic", "Nope").statusCode());

                apple.route("/search", new LocalHttpServer.Route(500, "text/plain", "down".getBytes(), 0));
                HttpResponse<String> down = browser.get("/settings?q=anything");
                assertEquals(200, down.statusCode());
                assertTrue(down.body().contains("The podcast search is not answering"), down.body());

                // OPML upload: good outlines followed, a local path and a private address skipped and named
                browser.get("/settings");
                String opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
                        + "<outline text=\"Founder Hours\" xmlUrl=\"" + f.feed("founder-hours.xml") + "\"/>"
                        + "<outline text=\"Local\" xmlUrl=\"/etc/passwd\"/>"
                        + "<outline text=\"Data Bench\" xmlUrl=\"" + f.feed("data-bench.xml") + "\"/></body></opml>";
                HttpResponse<String> imported = browser.upload("/opml", "file", "subs.opml", opml.getBytes(StandardCharsets.UTF_8));
                assertEquals(200, imported.statusCode(), imported.body());
                assertTrue(imported.body().contains("Imported 2 feed(s); skipped 1: /etc/passwd: Give a feed URL "
                        + "starting with http"), imported.body());
                HttpResponse<String> notOpml = browser.upload("/opml", "file", "x.opml", "<html>hi</html>".getBytes(StandardCharsets.UTF_8));
                assertEquals(400, notOpml.statusCode());
                assertTrue(notOpml.body().contains("not an OPML file"), notOpml.body());
                byte[] huge = new byte[(int) f.app.config().maxOpmlBytes() + 1];
                java.util.Arrays.fill(huge, (byte) ' ');
                HttpResponse<String> tooBig = browser.upload("/opml", "file", "big.opml", huge);
                assertEquals(400, tooBig.statusCode());
                assertTrue(tooBig.body().contains("PODSIFT_MAX_OPML_BYTES"), "the cap is named: " + tooBig.body());
                byte[] huger = new byte[(int) f.app.config().maxOpmlBytes() + 20_000];
                java.util.Arrays.fill(huger, (byte) ' ');
                HttpResponse<String> wayTooBig = browser.upload("/opml", "file", "bigger.opml", huger);
                assertEquals(413, wayTooBig.statusCode(), wayTooBig.body());
                assertTrue(wayTooBig.body().contains("PODSIFT_MAX_OPML_BYTES"), "the cap is named: " + wayTooBig.body());
                assertEquals(7, f.app.subscribers().podcasts(root.id()).size());

                // the JSON API mirrors the pages
                String token = browser.cookies.getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals(WebApp.SESSION)).findFirst().orElseThrow().getValue();
                HttpResponse<String> feeds = browser.api("GET", "/api/feeds", token, null);
                assertEquals(200, feeds.statusCode());
                assertTrue(feeds.body().contains("shipping-software.xml\",\"title\":null,\"state\":\"queued\""),
                        "followed, waiting for the background workers to read it: " + feeds.body());
                assertTrue(feeds.body().contains("\"title\":\"Founder Hours\""), "the OPML file's title meanwhile");
                HttpResponse<String> put = browser.api("PUT", "/api/settings", token,
                        "{\"topics\": \"hiring\", \"delivery_time\": \"08:15\", \"time_zone\": \"Europe/Paris\"}");
                assertEquals(200, put.statusCode(), put.body());
                assertTrue(put.body().contains("\"delivery_time\":\"08:15\"") && put.body().contains("Europe/Paris"), put.body());
                assertEquals(400, browser.api("PUT", "/api/settings", token, "{\"time_zone\": \"Nowhere/Town\"}").statusCode());
                long firstId = f.app.subscribers().podcasts(root.id()).get(0).id();
                assertEquals(204, browser.api("DELETE", "/api/feeds/" + firstId, token, null).statusCode());
                assertEquals(404, browser.api("DELETE", "/api/feeds/" + firstId, token, null).statusCode());
                assertEquals(401, browser.api("GET", "/api/feeds", "forged", null).statusCode());
                assertEquals(200, browser.api("GET", "/api/search?q=x", token, null).statusCode());

                f.app.podcasts().recordStorm(firstId, "storm: 40 new episodes at once <b>held</b>");
                HttpResponse<String> admin = browser.get("/admin");
                assertEquals(200, admin.statusCode(), admin.body());
                assertTrue(admin.body().contains("storm: 40 new episodes at once &lt;b&gt;held&lt;/b&gt;"),
                        "the storm is flagged, escaped: " + admin.body());
                assertTrue(admin.body().contains("Feeds (7)") && admin.body().contains("Scheduler") && admin.body().contains("Storms (last 30 days)")
                        && admin.body().contains("Next poll"), admin.body());

                // today's row planned and claimed, its digest not made yet: the page says it is being prepared
                f.app.deliveries().plan(root.id(), java.time.LocalDate.of(2026, 11, 25),
                        Instant.parse("2026-11-25T06:00:00Z"), dev.podsift.store.Delivery.PENDING, "<today@test>", null);
                HttpResponse<String> underway = browser.get("/today");
                assertTrue(underway.body().contains("being prepared"), underway.body());
                assertFalse(underway.body().contains("Make today's digest now"), "asked once: no second button");
                // a worker claims the row before it builds the digest: still being prepared
                long row = f.app.deliveries().find(root.id(), java.time.LocalDate.of(2026, 11, 25)).orElseThrow().id();
                assertTrue(f.app.deliveries().claim(row, dev.podsift.store.Delivery.PENDING));
                HttpResponse<String> claimed = browser.get("/today");
                assertTrue(claimed.body().contains("being prepared"), claimed.body());
                assertFalse(claimed.body().contains("Make today's digest now"), "asked once: no second button");
            }
        }
    }

    /** Waits (at most two minutes) for the background workers to reach a state. */
    static void waitUntil(java.util.concurrent.Callable<Boolean> done, String what) throws Exception {
        long until = System.nanoTime() + 120_000_000_000L;
        while (!done.call()) {
            assertTrue(System.nanoTime() < until, "not in two minutes: " + what);
            Thread.sleep(100);
        }
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    /** python3-feedparser reads both feeds without complaint (skipped, with a line, when it is not installed). */
    private static void feedparserAccepts(Path dir, String rss, String atom) throws Exception {
        Path py = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(py) || new ProcessBuilder(py.toString(), "-c", "import feedparser").start().waitFor() != 0) {
            System.out.println("WebAppTest: python3-feedparser not installed; private feeds checked with our parser only "
                    + "(apt-get install python3-feedparser)");
            return;
        }
        for (String[] feed : new String[][] {{"rss", rss}, {"atom", atom}}) {
            Path file = dir.resolve("out." + feed[0]);
            Files.writeString(file, feed[1]);
            Process p = new ProcessBuilder(py.toString(), "-c", "import feedparser,sys; d=feedparser.parse(sys.argv[1]); "
                    + "print(int(bool(d.bozo)), d.version, len(d.entries), d.entries[0].title if d.entries else '')", file.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.startsWith("0 " + (feed[0].equals("rss") ? "rss20" : "atom10") + " 1 Your top 5"), out);
        }
    }
}

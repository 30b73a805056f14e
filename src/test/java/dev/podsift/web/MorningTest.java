package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.Subscriber;
import dev.podsift.support.ServiceFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user meets on a morning with the service, over HTTP: the Today page's words, settings, leaving and coming back. */
class MorningTest {

    @Test
    void todaySaysTomorrowOnceTheTimeHasPassedAndOffersARunOnlyWithSomethingToRead(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            String early = browser.get("/today").body();
            assertTrue(early.contains("Your digest for today arrives at 07:00 (UTC)"), early);
            assertFalse(early.contains("Make today's digest now"), "nothing followed: nothing to make");
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(f.feed("shipping-software.xml")));
            assertTrue(browser.get("/today").body().contains("Make today's digest now"));
            f.clock.set(Instant.parse("2026-11-25T08:00:00Z"));
            String late = browser.get("/today").body();
            assertTrue(late.contains("Your next digest arrives tomorrow at 07:00 (UTC)"), late);
            assertFalse(late.contains("for today arrives at"), late);
        }
    }

    @Test
    void aPartialSettingsUpdateKeepsWhatItDoesNotName(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            String token = browser.cookie(Sessions.SESSION);
            assertEquals(200, browser.api("PUT", "/api/settings", token, "{\"topics\": \"pricing\"}").statusCode());
            HttpResponse<String> zoneOnly = browser.api("PUT", "/api/settings", token, "{\"time_zone\": \"Asia/Tokyo\"}");
            assertEquals(200, zoneOnly.statusCode(), zoneOnly.body());
            Subscriber s = f.app.subscribers().find(ada.id()).orElseThrow();
            assertEquals("pricing", s.topics(), "topics not named: kept");
            assertEquals("Asia/Tokyo", s.zone().getId());
            assertEquals(200, browser.api("PUT", "/api/settings", token, "{\"topics\": \"\"}").statusCode());
            assertEquals("", f.app.subscribers().find(ada.id()).orElseThrow().topics(), "named empty: cleared");
        }
    }

    @Test
    void anUnsubscribedReaderSignsInToTheArchiveAndComesBack(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            // leaving from the settings page (no email link needed)
            WebClient before = TokenReplayTest.signedIn(f, base, "ada@example.com");
            before.get("/settings");
            HttpResponse<String> left = before.post("/settings/unsubscribe");
            assertEquals(200, left.statusCode(), left.body());
            assertEquals(Subscriber.UNSUBSCRIBED, f.app.subscribers().find(ada.id()).orElseThrow().status());
            assertEquals(401, before.get("/settings").statusCode(), "signed out everywhere");
            f.clock.advance(Duration.ofMinutes(5));
            WebClient browser = new WebClient(base);
            // the sign-in link comes, as the page says
            assertEquals(302, browser.press(TokenReplayTest.signInLink(f, browser, "ada@example.com"), "/auth")
                    .statusCode());
            assertEquals(200, browser.get("/archive").statusCode(), "the archive stays readable");
            String today = browser.get("/today").body();
            assertTrue(today.contains("You are not subscribed"), today);
            assertFalse(today.contains("Make today's digest now"));
            HttpResponse<String> settings = browser.get("/settings");
            assertTrue(settings.body().contains("Subscribe again"), settings.body());
            HttpResponse<String> back = browser.post("/resubscribe");
            assertEquals(302, back.statusCode());
            assertEquals(Subscriber.ACTIVE, f.app.subscribers().find(ada.id()).orElseThrow().status());
            assertTrue(browser.get("/settings?resubscribed=1").body().contains("Welcome back"));
        }
    }

    @Test
    void searchFindsEpisodeTitlesAndEachResultCanBeHeardReadAndVotedOn(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(f.feed("shipping-software.xml")));
            f.service.prepareDigest(ada.id());
            var sent = f.app.insights().deliveredSince(ada.historyKey(), Instant.EPOCH);
            assertFalse(sent.isEmpty());
            var one = sent.get(0);
            // a word of the episode's title that no insight sent says
            String titleWord = null;
            for (String w : one.episode().episode().toLowerCase().split("[^a-z]+")) {
                if (w.length() > 3 && sent.stream().noneMatch(i -> i.insight().text().toLowerCase().contains(w)
                        || i.insight().quote().toLowerCase().contains(w))) {
                    titleWord = w;
                }
            }
            assertTrue(titleWord != null, "a title word no insight says: " + one.episode().episode());
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            HttpResponse<String> found = browser.get("/search?q=" + titleWord);
            assertTrue(found.body().contains("id=\"i" + one.id() + "\""), titleWord + ": " + found.body());
            assertTrue(found.body().contains("href=\"/insight/" + one.id() + "\""), "a link to the transcript");
            assertTrue(found.body().contains("#t=" + (long) Math.floor(one.insight().startSeconds()) + "\""),
                    "a link to listen at the second");
            assertTrue(found.body().contains("aria-pressed=\"false\""), found.body());
            String form = WebClient.encode(Map.of("csrf", browser.csrf, "insight", String.valueOf(one.id()), "vote", "1"));
            HttpResponse<String> voted = browser.http.send(java.net.http.HttpRequest.newBuilder(browser.uri("/vote"))
                    .header("Referer", base + "/search?q=" + titleWord)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("/search?q=" + titleWord + "#i" + one.id(), voted.headers().firstValue("Location").orElse(""));
            String after = browser.get("/search?q=" + titleWord).body();
            assertTrue(after.contains("class=\"chosen\" aria-pressed=\"true\">👍"), after);
        }
    }

    @Test
    void settingsSpeakAsPeopleTypeAndPrivateFeedsTellNoEmailAndAnswerConditionally(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (dev.podsift.support.LocalHttpServer apple = new dev.podsift.support.LocalHttpServer(null);
             ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                     Map.of("PODSIFT_BASE_URL", base, "PODSIFT_PODCAST_SEARCH_URL", apple.url("/search")));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");

            // a feed address pasted without its scheme is https
            browser.get("/settings");
            HttpResponse<String> bare = browser.post("/feeds", "url", "feeds.example.org/show.xml");
            assertEquals(200, bare.statusCode(), bare.body());
            assertTrue(f.app.podcasts().find("https://feeds.example.org/show.xml").isPresent());
            assertEquals(400, browser.post("/feeds", "url", "/etc/passwd").statusCode());
            assertEquals(200, browser.post("/feeds", "url", "HTTP://feeds.example.org/upper.xml").statusCode());
            assertTrue(f.app.podcasts().find("http://feeds.example.org/upper.xml").isPresent(),
                    "one URL type: an upper-case scheme is a network URL, stored in lower case");
            assertEquals(400, browser.post("/feeds", "url", "FILE:/etc/passwd").statusCode());

            // a search result already followed says so instead of offering to follow it again
            String shipping = f.feed("shipping-software.xml");
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(shipping));
            apple.route("/search", new dev.podsift.support.LocalHttpServer.Route(200, "application/json", ("""
                    {"resultCount": 2, "results": [
                      {"kind": "podcast", "collectionName": "Shipping Software", "artistName": "M", "feedUrl": "%s"},
                      {"kind": "podcast", "collectionName": "Other Show", "artistName": "N", "feedUrl": "https://o.example/f.xml"}]}
                    """.formatted(shipping)).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));
            String found = browser.get("/settings?q=shows").body();
            int other = found.indexOf("Other Show");
            int ours = found.indexOf("Shipping Software</span>");
            assertTrue(ours > 0 && other > 0, found);
            String ourRow = found.substring(ours, found.indexOf("</li>", ours));
            assertTrue(ourRow.contains("Following") && !ourRow.contains("value=\"" + shipping + "\""), ourRow);
            assertTrue(found.substring(other, found.indexOf("</li>", other)).contains("<button class=\"link\">Follow"));

            // time zones: the common ones first, by region after, no old aliases
            int common = found.indexOf("<optgroup label=\"Common\">");
            assertTrue(common > 0 && common < found.indexOf("<optgroup label=\"Africa\">"), "common zones first");
            assertTrue(found.contains("value=\"Europe/Paris\""));
            assertFalse(found.contains("value=\"US/Eastern\"") || found.contains("value=\"Etc/GMT+5\"")
                    || found.contains("value=\"Australia/NSW\""), "no old aliases");

            // the private feed: no email address in it; a reader's second poll gets a 304
            f.service.prepareDigest(ada.id());
            String feedUrl = f.service.links().feed(ada.id(), ada.linkKey(), "rss");
            WebClient reader = new WebClient(base);
            HttpResponse<String> first = reader.get(feedUrl);
            assertEquals(200, first.statusCode());
            assertFalse(first.body().contains("ada@example.com"), first.body());
            String etag = first.headers().firstValue("ETag").orElseThrow();
            var again = reader.http.send(java.net.http.HttpRequest.newBuilder(reader.uri(feedUrl))
                    .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(304, again.statusCode());
            assertEquals("", again.body());
            var stale = reader.http.send(java.net.http.HttpRequest.newBuilder(reader.uri(feedUrl))
                    .header("If-None-Match", "\"something-older\"").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, stale.statusCode(), "another copy: the whole feed");
        }
    }

    @Test
    void anOpmlImportShowsEachFeedsStateToItsFollower(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            browser.get("/settings");
            String opml = "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>"
                    + "<outline text=\"Founder Hours (from the file)\" xmlUrl=\"" + f.feed("founder-hours.xml") + "\"/>"
                    + "<outline text=\"Gone Show\" xmlUrl=\"" + f.feed("gone.xml") + "\"/></body></opml>";
            HttpResponse<String> imported = browser.upload("/opml", "file", "subs.opml",
                    opml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertTrue(imported.body().contains("Imported 2 feed(s)"), imported.body());
            assertTrue(imported.body().contains("Gone Show") && imported.body().contains("waiting to be read"),
                    "titles from the file at once, each waiting to be read: " + imported.body());
            for (var p : f.app.subscribers().podcasts(ada.id())) {
                f.service.scan(p.id()); // what the background workers do
            }
            var founder = f.app.podcasts().find(f.feed("founder-hours.xml")).orElseThrow();
            var episodes = f.app.episodes().publishedSince(founder.id(), Instant.EPOCH);
            assertFalse(episodes.isEmpty());
            f.app.episodes().markFailed(episodes.get(0).id(), "the transcript could not be read");
            String page = browser.get("/settings").body();
            assertTrue(page.contains("404"), "the unreadable feed says why, to its follower: " + page);
            assertTrue(page.matches("(?s).*read \\d+ \\w+, \\d\\d:\\d\\d · \\d+ episodes?, \\d+ analysed.*"), page);
            assertTrue(page.contains("1 could not be analysed; the last, “" + episodes.get(0).title()
                    .replace("&", "&amp;") + "”: the transcript could not be read"), page);
        }
    }

    @Test
    void theSameFeedUnderTwoAddressesIsOnePodcast(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (dev.podsift.support.LocalHttpServer host = new dev.podsift.support.LocalHttpServer(null);
             ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                     Map.of("PODSIFT_BASE_URL", base));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            String main = host.url("/main.xml");
            String copy = host.url("/copy.xml"); // a second address of the same feed (an alias, a mirror)
            String rss = java.nio.file.Files.readString(Path.of("src/main/resources/demo/shipping-software.xml"))
                    .replaceFirst("<channel>", "<channel><atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" "
                            + "rel=\"self\" href=\"" + main + "\"/>");
            for (String path : new String[] {"/main.xml", "/copy.xml"}) {
                host.route(path, new dev.podsift.support.LocalHttpServer.Route(200, "application/rss+xml",
                        rss.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));
            }
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            Subscriber bob = TokenReplayTest.active(f, "bob@example.com");
            long mainId = f.app.podcasts().add(main);
            long copyId = f.app.podcasts().add(copy);
            f.app.subscribers().follow(ada.id(), mainId);
            f.app.subscribers().follow(ada.id(), copyId);
            f.app.subscribers().follow(bob.id(), copyId);
            f.service.scan(mainId);
            f.service.scan(copyId);
            assertEquals(List.of(mainId), f.app.subscribers().podcasts(ada.id()).stream().map(p -> p.id()).toList(),
                    "ada follows the show once");
            assertEquals(List.of(mainId), f.app.subscribers().podcasts(bob.id()).stream().map(p -> p.id()).toList(),
                    "bob's follow moved to the one podcast");
            assertEquals(1, f.app.subscribers().followedPodcasts().size(), "the feed is read once");
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            String settings = browser.get("/settings").body();
            assertTrue(settings.contains("also at " + copy + ": the same feed, followed once"), settings);
            // following the other address again follows the one podcast
            Subscriber carol = TokenReplayTest.active(f, "carol@example.com");
            WebClient c = TokenReplayTest.signedIn(f, base, "carol@example.com");
            c.get("/settings");
            assertEquals(200, c.post("/feeds", "url", copy).statusCode());
            assertEquals(List.of(mainId), f.app.subscribers().podcasts(carol.id()).stream().map(p -> p.id()).toList());
        }
    }

    @Test
    void aDayWithNothingNewCanBeMadeAgainOnceThereIsSomething(@TempDir Path dir) throws Exception {
        try (Served served = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            ServiceFixture f = served.f;
            String base = served.base;
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            f.service.prepareDigest(ada.id()); // nothing followed yet: "nothing new today" is recorded
            java.time.LocalDate today = java.time.LocalDate.parse("2026-11-25");
            assertEquals(dev.podsift.store.Delivery.EMPTY, f.app.deliveries().find(ada.id(), today).orElseThrow().state());
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(f.feed("shipping-software.xml")));
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            assertTrue(browser.get("/today").body().contains("Make today's digest now"), "offered again");
            f.service.prepareDigest(ada.id());
            assertEquals(dev.podsift.store.Delivery.SENT, f.app.deliveries().find(ada.id(), today).orElseThrow().state(),
                    "the day is not used up by a morning with nothing to send");
            assertFalse(browser.get("/today").body().contains("Make today's digest now"), "sent: not offered again");
        }
    }

    @Test
    void anAdminCanHaveAFeedReadNow(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_ADMIN_EMAILS", "root@example.com"));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber root = TokenReplayTest.active(f, "root@example.com");
            long show = f.app.podcasts().add(f.feed("founder-hours.xml"));
            f.app.subscribers().follow(root.id(), show);
            f.service.startTasks(1);
            WebClient browser = TokenReplayTest.signedIn(f, base, "root@example.com");
            WebAppTest.waitUntil(() -> f.app.podcasts().find(f.feed("founder-hours.xml")).orElseThrow()
                    .lastCheckedAt() != null, "the first read");
            Instant first = f.app.podcasts().find(f.feed("founder-hours.xml")).orElseThrow().lastCheckedAt();
            f.clock.advance(Duration.ofMinutes(5));
            String admin = browser.get("/admin").body();
            assertTrue(admin.contains("Read now"), admin);
            HttpResponse<String> now = browser.post("/admin/refresh", "podcast", String.valueOf(show));
            assertEquals(302, now.statusCode(), now.body());
            WebAppTest.waitUntil(() -> f.app.podcasts().find(f.feed("founder-hours.xml")).orElseThrow()
                    .lastCheckedAt().isAfter(first), "read again at once, not at its next poll");
            WebClient other = new WebClient(base);
            TokenReplayTest.active(f, "ada@example.com");
            other.press(TokenReplayTest.signInLink(f, other, "ada@example.com"), "/auth");
            other.get("/today");
            assertEquals(403, other.post("/admin/refresh", "podcast", String.valueOf(show)).statusCode());
        }
    }

    @Test
    void afterATimeZoneMovesBackTodayIsStillTheDayLastSent(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        // 22:30 UTC on Tuesday 1 December: Wednesday in Tokyo, Tuesday in New York
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-12-01T22:30:00Z"),
                Map.of("PODSIFT_BASE_URL", base));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            f.app.subscribers().updateSettings(ada.id(), "", java.time.LocalTime.of(7, 0), java.time.ZoneId.of("Asia/Tokyo"));
            f.app.subscribers().follow(ada.id(), f.app.podcasts().add(f.feed("shipping-software.xml")));
            f.service.prepareDigest(ada.id());
            f.app.subscribers().updateSettings(ada.id(), "", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("America/New_York"));
            WebClient browser = TokenReplayTest.signedIn(f, base, "ada@example.com");
            String today = browser.get("/today").body();
            assertTrue(today.contains("Today · 2026-12-02"), "the day of the digest, as in the archive: " + today);
            assertTrue(today.contains("class=\"card insight\""), today);
            assertFalse(today.contains("Make today's digest now"), "no second digest for 'Tuesday'");
        }
    }
}

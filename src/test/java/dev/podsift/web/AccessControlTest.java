package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.store.StoredInsight;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import dev.podsift.support.ServiceFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two subscribers and an admin on one server: each reads only the episodes of the feeds they follow (or that they
 * were sent insights from), votes only on what they were sent, and walking the ids finds nothing else; a bad id is
 * a 404 like a missing one; the vote's way back never leaves the site.
 */
class AccessControlTest {

    @Test
    void eachSubscriberSeesTheirOwnShowsOnly(@TempDir Path dir) throws Exception {
        int port = WebAppTest.freePort();
        String base = "http://127.0.0.1:" + port;
        try (ServiceFixture f = new ServiceFixture(dir, Instant.parse("2026-11-25T06:00:00Z"),
                Map.of("PODSIFT_BASE_URL", base, "PODSIFT_ADMIN_EMAILS", "root@example.com"));
             WebApp web = new WebApp(f.service)) {
            web.start("127.0.0.1", port);
            Subscriber ada = TokenReplayTest.active(f, "ada@example.com");
            Subscriber bob = TokenReplayTest.active(f, "bob@example.com");
            TokenReplayTest.active(f, "root@example.com");
            long adaShow = f.app.podcasts().add(f.feed("shipping-software.xml"));
            long bobShow = f.app.podcasts().add(f.feed("founder-hours.xml"));
            f.app.subscribers().follow(ada.id(), adaShow);
            f.app.subscribers().follow(bob.id(), bobShow);
            f.service.prepareDigest(ada.id());
            f.service.prepareDigest(bob.id());
            List<StoredInsight> adaSent = f.app.insights().deliveredSince(ada.historyKey(), Instant.EPOCH);
            assertFalse(adaSent.isEmpty(), "ada's digest was made");
            StoredInsight adaInsight = adaSent.get(0);
            long adaEpisode = adaInsight.episode().episodeId();

            WebClient as = TokenReplayTest.signedIn(f, base, "ada@example.com");
            WebClient bs = TokenReplayTest.signedIn(f, base, "bob@example.com");
            WebClient root = TokenReplayTest.signedIn(f, base, "root@example.com");
            assertEquals(200, as.get("/episode/" + adaEpisode).statusCode());
            assertEquals(302, as.get("/insight/" + adaInsight.id()).statusCode());
            assertEquals(200, root.get("/episode/" + adaEpisode).statusCode(), "admins see every episode");

            // bob: not his feed, not sent to him
            assertEquals(404, bs.get("/episode/" + adaEpisode).statusCode());
            assertEquals(404, bs.get("/insight/" + adaInsight.id()).statusCode());
            bs.get("/today");
            assertEquals(404, bs.post("/vote", "insight", String.valueOf(adaInsight.id()), "vote", "-1").statusCode());
            String bobToken = bs.cookie(Sessions.SESSION);
            HttpResponse<String> apiVote = bs.api("POST", "/api/votes", bobToken,
                    "{\"insight_id\": \"" + adaInsight.id() + "\", \"vote\": \"-1\"}");
            assertEquals(404, apiVote.statusCode(), apiVote.body());
            assertTrue(apiVote.body().startsWith("{\"error\""), "the API answers in JSON: " + apiVote.body());
            assertEquals(0, f.app.subscribers().voteOf(bob.id(), adaInsight.id()));

            // walking the ids: bob opens only episodes of the show he follows
            Set<Long> bobEpisodes = new HashSet<>();
            for (var e : f.app.insights().deliveredSince(bob.historyKey(), Instant.EPOCH)) {
                bobEpisodes.add(e.episode().episodeId());
            }
            assertFalse(bobEpisodes.isEmpty());
            for (long id = 1; id <= adaEpisode + 20; id++) {
                int status = bs.get("/episode/" + id).statusCode();
                if (!bobEpisodes.contains(id)) {
                    assertTrue(status == 404, "episode " + id + " is not bob's: " + status);
                }
            }
            for (long id : bobEpisodes) {
                assertEquals(200, bs.get("/episode/" + id).statusCode());
            }

            // a bad id is the same 404, on the pages and in the API; never a store error
            assertEquals(404, bs.get("/episode/abc").statusCode());
            assertEquals(404, bs.get("/insight/-1").statusCode());
            assertEquals(404, bs.get("/episode/99999999999999999999").statusCode());
            HttpResponse<String> badDelete = bs.api("DELETE", "/api/feeds/abc", bobToken, null);
            assertEquals(404, badDelete.statusCode(), badDelete.body());
            assertTrue(badDelete.body().startsWith("{\"error\""), badDelete.body());

            // what ada was sent stays hers to read after she unfollows the show
            f.app.subscribers().unfollow(ada.id(), adaShow);
            assertEquals(200, as.get("/episode/" + adaEpisode).statusCode());

            // the way back after a vote stays on this site, however the Referer is dressed
            as.get("/today");
            for (String referer : new String[] {base + ".evil.example/x", "http://evil.example/" + base,
                    "//evil.example/x", "http://127.0.0.1:" + (port + 1) + "/today"}) {
                String form = WebClient.encode(Map.of("csrf", as.csrf, "insight", String.valueOf(adaInsight.id()),
                        "vote", "1"));
                HttpResponse<String> r = as.http.send(HttpRequest.newBuilder(as.uri("/vote")).header("Referer", referer)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(302, r.statusCode(), r.body());
                assertEquals("/today#i" + adaInsight.id(), r.headers().firstValue("Location").orElse(""), referer);
            }
            String form = WebClient.encode(Map.of("csrf", as.csrf, "insight", String.valueOf(adaInsight.id()),
                    "vote", "1"));
            HttpResponse<String> home = as.http.send(HttpRequest.newBuilder(as.uri("/vote"))
                    .header("Referer", base + "/digest/2026-11-25").header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("/digest/2026-11-25#i" + adaInsight.id(), home.headers().firstValue("Location").orElse(""));
            for (StoredPodcast p : f.app.subscribers().podcasts(bob.id())) {
                assertEquals(bobShow, p.id());
            }
        }
    }

}

package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reader's votes, their reasons and their data: a 👎 says why in one click (page and API), "more like this" is a 👍
 * with a reason, an unknown reason is refused; the export holds every vote and digest; deleting the account (API
 * and page) leaves nothing of theirs while another reader keeps everything.
 */
class VotesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void votesCarryReasonsAndAReaderCanTakeTheirDataAndLeave(@TempDir Path dir) throws Exception {
        try (Served s = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"))) {
            Subscriber ada = TokenReplayTest.active(s.f, "ada@example.com");
            Subscriber bob = TokenReplayTest.active(s.f, "bob@example.com");
            long show = s.f.app.podcasts().add(s.f.feed("shipping-software.xml"));
            s.f.app.subscribers().follow(ada.id(), show);
            s.f.app.subscribers().follow(bob.id(), show);
            s.f.service.prepareDigest(ada.id());
            s.f.service.prepareDigest(bob.id());
            List<StoredInsight> sent = s.f.app.insights().deliveredSince(ada.historyKey(), Instant.EPOCH);
            assertTrue(sent.size() >= 3, "ada's digest was made: " + sent.size());
            long first = sent.get(0).id();
            long second = sent.get(1).id();
            long third = sent.get(2).id();

            WebClient as = TokenReplayTest.signedIn(s.f, s.base, "ada@example.com");
            as.get("/today");
            // a 👎 on the page, then its reason in one more click: one vote, with the reason
            as.post("/vote", "insight", String.valueOf(first), "vote", "-1");
            String today = as.get("/today").body();
            assertTrue(today.contains("Not my topic"), "a 👎 offers its reasons");
            as.post("/vote", "insight", String.valueOf(first), "vote", "-1", "reason", "topic");
            assertEquals(-1, s.f.app.subscribers().voteOf(ada.id(), first));
            assertEquals("topic", s.f.app.subscribers().reasonOf(ada.id(), first));
            as.post("/vote", "insight", String.valueOf(second), "vote", "more");
            assertEquals(1, s.f.app.subscribers().voteOf(ada.id(), second));
            assertEquals("more", s.f.app.subscribers().reasonOf(ada.id(), second));
            assertEquals(400, as.post("/vote", "insight", String.valueOf(third), "vote", "-1", "reason", "meh")
                    .statusCode(), "an unknown reason is refused");
            assertEquals(0, s.f.app.subscribers().voteOf(ada.id(), third));

            String token = as.cookie(Sessions.SESSION);
            HttpResponse<String> api = as.api("POST", "/api/votes", token,
                    "{\"insight_id\": \"" + third + "\", \"vote\": \"-1\", \"reason\": \"obvious\"}");
            assertEquals(204, api.statusCode(), api.body());
            assertEquals("obvious", s.f.app.subscribers().reasonOf(ada.id(), third));
            assertEquals(400, as.api("POST", "/api/votes", token,
                    "{\"insight_id\": \"" + third + "\", \"vote\": \"1\", \"reason\": \"obvious\"}").statusCode(),
                    "a 👍 cannot say it was obvious");

            HttpResponse<String> export = as.get("/api/me/export");
            assertEquals(200, export.statusCode());
            assertTrue(export.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            JsonNode data = JSON.readTree(export.body());
            assertEquals("ada@example.com", data.path("subscriber").path("email").asText());
            assertEquals(3, data.path("votes").size());
            assertTrue(export.body().contains("\"reason\":\"topic\""), export.body());
            assertEquals(1, data.path("digests").size());
            assertEquals(sent.size(), data.path("digests").get(0).path("digest").path("insights").size());
            assertFalse(export.body().contains("bob@example.com"), "only the reader's own data");

            // leaving: the API deletes everything kept for ada, nothing of bob's
            assertEquals(204, as.api("DELETE", "/api/me", token, null).statusCode());
            assertTrue(s.f.app.subscribers().find(ada.id()).isEmpty());
            assertTrue(s.f.app.subscribers().votes(ada.id(), 100).isEmpty());
            assertTrue(s.f.app.digests().all(ada.historyKey()).isEmpty());
            assertEquals(401, as.get("/api/me").statusCode(), "her sign-in ended with the account");
            assertEquals(1, s.f.app.digests().all(bob.historyKey()).size());

            // and on the page, only with the box ticked
            WebClient bs = TokenReplayTest.signedIn(s.f, s.base, "bob@example.com");
            bs.get("/settings");
            assertTrue(bs.post("/settings/delete").body().contains("tick the box"));
            assertTrue(s.f.app.subscribers().find(bob.id()).isPresent());
            assertTrue(bs.post("/settings/delete", "confirm", "yes").body().contains("Account deleted"));
            assertTrue(s.f.app.subscribers().find(bob.id()).isEmpty());
            assertNull(s.f.app.subscribers().find(bob.id()).orElse(null));
        }
    }
}

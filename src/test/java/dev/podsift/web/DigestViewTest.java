package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A recorded digest as the web pages and private feeds show it. */
class DigestViewTest {
    @Test
    void aDigestRecordedWithAnEpisodeTwiceListsItOnceWithItsTime() {
        String json = """
                {"generated_at": "2026-12-01T07:00:00Z", "insights": [{"rank": 1, "insight_id": 7,
                 "text": "Ship small changes.", "quote": "So, um, ship small changes.", "podcast": "Practical AI",
                 "episode": "Ep 1", "start_seconds": 12.0,
                 "also_in": [{"podcast": "Practical AI", "episode": "Ep 2", "start_seconds": 754.2},
                             {"podcast": "Practical AI", "episode": "Ep 2", "start_seconds": 900.0},
                             {"podcast": "Changelog", "episode": "Ep 9", "start_seconds": 61.0}]}]}
                """;
        DigestView.Item item = DigestView.parse(json).items().get(0);
        assertEquals("Also in 2 other episodes: Practical AI: Ep 2 at 12:34; Changelog: Ep 9 at 1:01", item.also());
        assertFalse(item.showsQuote(), "the quote is the text with fillers");
        String rss = DigestFeeds.html(DigestView.parse(json));
        assertTrue(rss.contains("Also in 2 other episodes"), rss);
        assertFalse(rss.contains("blockquote"), rss);
    }
}

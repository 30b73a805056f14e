package dev.podsift.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.auth.Links;
import dev.podsift.auth.Tokens;
import dev.podsift.digest.DigestItem;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The email says each passage once and lists the same idea elsewhere one episode per entry, with times. */
class DigestEmailTest {
    private static StoredInsight insight(long id, long show, String podcast, long episode, String text, String quote,
                                         double start) {
        EpisodeRef ref = new EpisodeRef(episode, podcast, "Episode " + episode, null, null);
        return new StoredInsight(id, ref, show, new Insight(text, quote, start, start + 9, 0.8, null, new float[] {1}));
    }

    @Test
    void oneCardOneTextAndAnHonestAlsoInLine() {
        Links links = new Links("https://podsift.example",
                new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), Clock.systemUTC()));
        Subscriber s = new Subscriber(7, "reader@example.com", Subscriber.ACTIVE, "", LocalTime.of(7, 0),
                ZoneId.of("UTC"), Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), "0123456789abcdef0123456789abcdef");
        StoredInsight main = insight(1, 1, "Practical AI", 11, "Evaluate on your own users' data.",
                "So, um, evaluate on your own users' data.", 30);
        List<StoredInsight> others = List.of(insight(2, 2, "The Changelog", 21, "x", "x", 754),
                insight(3, 2, "The Changelog", 22, "y", "y", 3725));
        DigestItem item = new DigestItem(1, main, others, 0.9, 0.8, 0, 0.1);
        DigestEmail.Parts mail = new DigestEmail(links).render(s, LocalDate.of(2026, 12, 2), List.of(item));
        for (String part : new String[] {mail.text(), mail.html()}) {
            assertEquals(1, part.split("your own users", -1).length - 1, "the passage once: " + part);
            assertFalse(part.contains("As said"), part);
            assertTrue(part.contains("Also in 2 other episodes: The Changelog: Episode 21 at 12:34, Episode 22 at "
                    + "1:02:05"), part);
            assertTrue(part.contains("https://podsift.example/digest/2026-12-02"), "a link to read it in the browser");
            assertTrue(part.contains("https://podsift.example/insight/" + main.id()), "a link to the transcript");
        }
    }
}

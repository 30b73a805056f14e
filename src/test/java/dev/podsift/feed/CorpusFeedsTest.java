package dev.podsift.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.net.FeedDecoder;
import dev.podsift.support.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every real feed in the corpus, broken ones included, parses into sensible episodes. */
class CorpusFeedsTest {
    /** Fixtures that are channel-only fragments: no items to find. */
    private static final List<String> NO_ITEMS = List.of("gofeed__rss_feed_bom.xml", "npp__complex-genre.xml");

    static Stream<Path> feeds() throws Exception {
        return Files.list(Corpus.file("feeds")).sorted();
    }

    private static Feed parse(String name) throws Exception {
        Path p = Corpus.file("feeds/" + name);
        return new FeedParser().parse(FeedDecoder.decode(Files.readAllBytes(p), null), p.toUri().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feeds")
    void parsesIntoSensibleEpisodes(Path file) throws Exception {
        Feed f = new FeedParser().parse(FeedDecoder.decode(Files.readAllBytes(file), null), file.toUri().toString());
        String name = file.getFileName().toString();
        if (!name.equals("npp__complex-genre.xml")) {
            assertNotNull(f.title(), name + ": no title");
            assertFalse(f.title().contains("\uFFFD"), name + ": mis-decoded title " + f.title());
        }
        if (NO_ITEMS.contains(name)) {
            assertTrue(f.episodes().isEmpty());
            return;
        }
        assertFalse(f.episodes().isEmpty(), name + ": no episodes");
        for (FeedEpisode e : f.episodes()) {
            assertFalse(e.identity().isBlank(), name + ": blank identity");
            assertTrue(e.title() != null || e.enclosureUrl() != null, name + ": episode with neither title nor audio");
        }
    }

    @Test
    void brokenFeedsStillYieldTheirEpisodes() throws Exception {
        assertEquals(29, parse("partytime__no-agenda.xml").episodes().size(), "undefined entity &gtgt;");
        assertEquals(10, parse("pfp__comintegrator.xml").episodes().size(), "undefined entity &ellip;, no guids");
        assertEquals(4, parse("pfp__bc-sample-bad.xml").episodes().size(), "missing <channel>");
        assertEquals(131, parse("rssparser__itunes-missing-image.rss").episodes().size(), "leading newline");
        assertEquals("Feed Title", parse("gofeed__rss_feed_bom.xml").title(), "UTF-8 BOM");
    }

    @Test
    void latin1WithoutDeclarationAndDeclaredIso88591DecodeCorrectly() throws Exception {
        assertEquals("Jornal de Notícias - Últimas Notícias", parse("rssparser__encoding.rss").title());
        assertTrue(parse("feedrs__rss_2.0_encoding_1.xml").title().contains("Inovação"));
    }

    @Test
    void datesWithZoneNamesAndMissingGuidsAreHandled() throws Exception {
        Feed seRadio = parse("npp__se-radio.xml");
        assertEquals(249, seRadio.episodes().size());
        assertTrue(seRadio.episodes().stream().allMatch(e -> e.published() != null), "PST dates parse");
        long distinct = seRadio.episodes().stream().map(FeedEpisode::identity).distinct().count();
        assertEquals(249, distinct, "episodes without guid still get distinct identities");
    }

    @Test
    void transcriptLinksAreFound() throws Exception {
        Feed f = parse("pfp__start_podcast.xml");
        FeedEpisode tips = f.episodes().stream().filter(e -> "Buzzsprout-4969151".equals(e.guid())).findFirst()
                .orElseThrow();
        assertTrue(tips.transcripts().size() >= 2, "several formats offered");
        assertEquals(47, parse("partytime__pc20rss.xml").episodes().stream().mapToInt(e -> e.transcripts().size()).sum());
    }
}

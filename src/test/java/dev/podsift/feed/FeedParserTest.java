package dev.podsift.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Feed;
import dev.podsift.model.FeedEpisode;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private final FeedParser parser = new FeedParser();

    private Feed parse(String xml) throws FeedException {
        return parser.parse(FeedDecoder.decode(xml.getBytes(StandardCharsets.UTF_8), null), "https://host.example/feed.xml");
    }

    @Test
    void readsPodcastingNamespaceAndItunesFields() throws Exception {
        Feed f = parse("""
                <?xml version="1.0"?>
                <rss xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:p="https://podcastindex.org/namespace/1.0">
                <channel><title>Show</title><p:locked>yes</p:locked>
                <itunes:new-feed-url>https://new.example/feed</itunes:new-feed-url>
                <item><title>Ep 1</title><guid>g1</guid><pubDate>Sat, 02 Mar 2024 10:00:00 PST</pubDate>
                <itunes:duration>1:02:03</itunes:duration>
                <enclosure url="/a.mp3" type="audio/mpeg" length="123"/>
                <p:transcript url="t.vtt" type="text/vtt" language="en"/>
                <p:chapters url="c.json" type="application/json+chapters"/>
                <p:person role="guest">Ada</p:person>
                </item></channel></rss>""");
        assertEquals("Show", f.title());
        assertTrue(f.locked());
        assertEquals("https://new.example/feed", f.newUrl());
        FeedEpisode e = f.episodes().get(0);
        assertEquals("g1", e.identity());
        assertEquals(Instant.parse("2024-03-02T18:00:00Z"), e.published());
        assertEquals(3723L, e.durationSeconds());
        assertEquals("https://host.example/a.mp3", e.enclosureUrl());
        assertEquals("https://host.example/t.vtt", e.transcripts().get(0).url());
        assertEquals("en", e.transcripts().get(0).language());
        assertEquals("https://host.example/c.json", e.chaptersUrl());
        assertEquals("Ada", e.persons().get(0));
    }

    @Test
    void identityFallsBackToEnclosureAndTitleAndUnknownDateStaysUnknown() throws Exception {
        Feed f = parse("<rss><channel><title>S</title><item><title>T</title><pubDate>sometime soon</pubDate>"
                + "<enclosure url=\"https://x.example/1.mp3\"/></item></channel></rss>");
        FeedEpisode e = f.episodes().get(0);
        assertNull(e.guid());
        assertEquals("https://x.example/1.mp3 T", e.identity());
        assertNull(e.published(), "an unreadable date is unknown, never 'now'");
    }

    @Test
    void doctypeEntitiesAreNeverExpanded() throws Exception {
        String lol = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY ext SYSTEM "file:///etc/passwd">]>
                <rss><channel><title>&c;&ext;</title><item><title>x</title></item></channel></rss>""";
        Feed f = parse(lol);
        assertFalse(f.title().contains("AAAA"), "internal entities must not expand: " + f.title());
        assertFalse(f.title().contains("root:"), "external entities must not resolve");
    }

    @Test
    void htmlPageIsRejectedWithAClearMessage() {
        FeedException e = assertThrows(FeedException.class,
                () -> parse("<!doctype html><html><head><title>My show</title></head><body>hi</body></html>"));
        assertTrue(e.getMessage().contains("HTML page"), e.getMessage());
    }

    @Test
    void emptyDocumentIsRejected() {
        assertThrows(FeedException.class, () -> parse("   "));
    }

    @Test
    void atomEntriesWithEnclosureLinks() throws Exception {
        Feed f = parse("""
                <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
                <entry><id>urn:1</id><title>E</title><updated>2024-05-01T10:00:00+02:00</updated>
                <link rel="enclosure" href="https://x.example/e.mp3" type="audio/mpeg"/>
                <link href="https://x.example/e"/></entry></feed>""");
        FeedEpisode e = f.episodes().get(0);
        assertEquals("urn:1", e.identity());
        assertEquals("https://x.example/e.mp3", e.enclosureUrl());
        assertEquals("https://x.example/e", e.link());
        assertEquals(Instant.parse("2024-05-01T08:00:00Z"), e.published());
    }

    @Test
    void datesInTheFormsRealFeedsUse() {
        assertEquals(Instant.parse("1970-01-01T00:00:00Z"), FeedDates.parse("01 Jan 70 01:00:00 +0100"));
        assertEquals(Instant.parse("2020-03-27T20:45:23Z"), FeedDates.parse("Fri, 27 Mar 2020 15:45:23 EST"));
        assertEquals(Instant.parse("2019-06-18T21:01:39Z"), FeedDates.parse("Tue, 18 Jun 2019 21:01:39 -0000"));
        assertEquals(Instant.parse("2018-01-03T13:47:00Z"), FeedDates.parse("Qua, 03 Jan 2018 13:47:00 GMT"));
        assertEquals(Instant.parse("2016-02-01T15:22:00Z"), FeedDates.parse("2016-02-01T16:22:00+01:00"));
        assertNull(FeedDates.parse("not a date"));
        assertEquals(62L, FeedDates.durationSeconds("1:02"));
        assertNull(FeedDates.durationSeconds("about an hour"));
    }

    /** An RSS feed of {@code n} empty items, one a line, as every pretty-printed feed has them. */
    private static byte[] itemsOnLines(int n) {
        StringBuilder b = new StringBuilder("<rss><channel><title>Lines</title>\n");
        b.append("<item/>\n".repeat(n));
        return b.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private long nanosToParse(byte[] feed, int items) throws FeedException {
        long t0 = System.nanoTime();
        assertEquals(items, parser.parse(feed, null, null).episodes().size());
        return System.nanoTime() - t0;
    }

    @Test
    void whitespaceBetweenItemsCostsInStepWithTheirNumber() throws Exception {
        // a ratio within one run, not a time: ten times the items may cost ten times, never a hundred
        byte[] small = itemsOnLines(20_000);
        byte[] large = itemsOnLines(200_000);
        nanosToParse(small, 20_000);
        long smallest = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            smallest = Math.min(smallest, nanosToParse(small, 20_000));
        }
        long tenfold = nanosToParse(large, 200_000);
        assertTrue(tenfold < 40 * smallest, "200,000 items took " + tenfold / 1_000_000 + " ms, 20,000 took "
                + smallest / 1_000_000 + " ms: " + (double) tenfold / smallest + " times (linear is about 10)");
    }

    @Test
    void showFieldsSurviveTheSweepOfReadItems() throws Exception {
        StringBuilder b = new StringBuilder("<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n"
                + "<title>Kept</title>\n<atom:link rel=\"self\" href=\"https://self.example/feed\"/>\n");
        for (int i = 0; i < 5_000; i++) {
            b.append("<item><guid>g").append(i).append("</guid></item>\n<!-- between -->\n<junk/>\n");
        }
        b.append("<link>https://show.example/</link><language>en</language></channel></rss>");
        Feed f = parser.parse(b.toString().getBytes(StandardCharsets.UTF_8), null, null);
        assertEquals(5_000, f.episodes().size());
        assertEquals("g4999", f.episodes().get(4_999).guid());
        assertEquals("Kept", f.title());
        assertEquals("https://self.example/feed", f.url());
        assertEquals("https://show.example/", f.link(), "a field after the items is still read");
        assertEquals("en", f.language());
    }

    @Test
    void aParseIsCutOffAtItsDeadline() {
        long[] now = {0};
        // every look at the clock is a second later
        FeedParser slow = new FeedParser(java.time.Duration.ofSeconds(30), () -> now[0] += 1_000_000_000L);
        FeedException e = assertThrows(FeedException.class,
                () -> slow.parse(itemsOnLines(1_000), null, "https://host.example/feed.xml"));
        assertTrue(e.getMessage().contains("longer than 30 s"), e.getMessage());
    }

    @Test
    void pastTheItemCapOnlyTheNewestAreKeptAndAllAreCounted() throws Exception {
        StringBuilder b = new StringBuilder("<rss><channel><title>Many</title>\n");
        int[] days = {5, 1, 9, 3, 9, 7, 2, 8, 6, 4};
        for (int i = 0; i < days.length; i++) {
            b.append("<item><guid>d").append(days[i]).append('-').append(i).append("</guid><pubDate>")
                    .append(String.format("%02d", days[i])).append(" Jan 2024 10:00:00 GMT</pubDate></item>\n");
        }
        b.append("<item><guid>undated</guid></item>\n".repeat(50_000));
        FeedParser.Read read = parser.parse(b.toString().getBytes(StandardCharsets.UTF_8), null, null, 4);
        assertEquals(50_010, read.listed());
        // the four newest, in the feed's order
        assertEquals(java.util.List.of("d9-2", "d9-4", "d7-5", "d8-7"),
                read.feed().episodes().stream().map(FeedEpisode::guid).toList());
        // of the two on the 9th, the earlier in the document wins (as a stable newest-first sort chose)
        assertEquals("d9-2", parser.parse(b.toString().getBytes(StandardCharsets.UTF_8), null, null, 1)
                .feed().episodes().get(0).guid());
    }
}

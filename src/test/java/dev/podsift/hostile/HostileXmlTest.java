package dev.podsift.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.feed.FeedParser;
import dev.podsift.feed.Opml;
import dev.podsift.model.Feed;
import dev.podsift.model.Transcript;
import dev.podsift.net.FeedException;
import dev.podsift.transcript.TranscriptParser;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * XML written to hurt: entity expansion (billion laughs, quadratic blow-up), external entities, XInclude
 * and 10,000- and 100,000-deep nesting, in feeds, OPML and HTML transcripts. Each must give a result or a clear
 * error quickly, never expand or fetch anything, and never overflow the stack.
 */
@Tag("hostile")
class HostileXmlTest {
    private static final Duration FAST = Duration.ofSeconds(10);

    static String nested(int depth, String inner) {
        StringBuilder b = new StringBuilder(depth * 7 + inner.length());
        b.append("<d>".repeat(depth)).append(inner).append("</d>".repeat(depth));
        return b.toString();
    }

    private static Feed feed(String xml) throws FeedException {
        return new FeedParser().parse(xml, "https://hostile.example/feed.xml");
    }

    @Test
    void deepNestingDoesNotOverflowTheStack() {
        for (int depth : new int[] {10_000, 100_000}) {
            String xml = "<rss><channel><title>Deep</title>" + nested(depth, "x")
                    + "<item><title>After</title><guid>1</guid><description>" + nested(depth, "text") + "</description>"
                    + "</item></channel></rss>";
            Feed f = assertTimeoutPreemptively(FAST, () -> feed(xml), depth + " deep");
            assertEquals("Deep", f.title());
            assertEquals(1, f.episodes().size(), "the item after the deep branch is still read");
            assertEquals("After", f.episodes().get(0).title());
        }
    }

    @Test
    void quadraticBlowUpIsNeverExpanded() {
        String big = "A".repeat(100_000);
        String refs = "&big;".repeat(20_000);
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"" + big + "\">]><rss><channel><title>"
                + refs + "</title><item><title>x</title><guid>1</guid></item></channel></rss>";
        Feed f = assertTimeoutPreemptively(FAST, () -> feed(xml));
        assertTrue(f.title() == null || f.title().length() < 200_000, "not expanded: " + (f.title() == null ? 0
                : f.title().length()) + " chars");
    }

    @Test
    void xincludeAndExternalEntitiesAreInert() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rss SYSTEM "http://169.254.169.254/latest/meta-data/" [<!ENTITY ext SYSTEM "file:///etc/passwd">]>
                <rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><title>T&ext;</title>
                <item><title><xi:include href="file:///etc/passwd" parse="text"/>Episode</title><guid>1</guid></item>
                </channel></rss>""";
        Feed f = assertTimeoutPreemptively(FAST, () -> feed(xml));
        assertFalse(f.title().contains("root:"));
        assertFalse(f.episodes().get(0).title().contains("root:"));
        assertTrue(f.episodes().get(0).title().contains("Episode"));
    }

    @Test
    void opmlAttacks() throws Exception {
        String laughs = """
                <?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                <!ENTITY ext SYSTEM "file:///etc/passwd">]>
                <opml version="2.0"><body><outline text="&d;&ext;" xmlUrl="https://ok.example/feed"/>
                <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/></body></opml>""";
        List<Opml.Outline> out = assertTimeoutPreemptively(FAST, () -> Opml.read(laughs));
        assertEquals(1, out.size());
        assertFalse(out.get(0).title() != null && (out.get(0).title().contains("AAAAAAAAAAAAAAAAAAAA")
                || out.get(0).title().contains("root:")), out.get(0).title());
        String deep = "<opml version=\"2.0\"><body>" + nested(100_000, "<outline xmlUrl=\"https://deep.example/f\"/>")
                + "</body></opml>";
        List<Opml.Outline> d = assertTimeoutPreemptively(FAST, () -> Opml.read(deep));
        assertEquals("https://deep.example/f", d.get(0).url());
        String many = "<opml version=\"2.0\"><body>" + "<outline xmlUrl=\"https://x.example/%d\"/>".repeat(1)
                + java.util.stream.IntStream.range(0, 50).mapToObj(i -> "<outline xmlUrl=\"https://x.example/" + i + "\"/>")
                .collect(java.util.stream.Collectors.joining()) + "</body></opml>";
        FeedException tooMany = org.junit.jupiter.api.Assertions.assertThrows(FeedException.class, () -> Opml.read(many, 20));
        assertTrue(tooMany.getMessage().contains("more than the limit of 20 (PODSIFT_MAX_OPML_FEEDS)"), tooMany.getMessage());
    }

    @Test
    void htmlTranscriptAttacks() throws Exception {
        String html = "<!DOCTYPE html [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]><html><body>"
                + nested(50_000, "") + "<cite>Host:</cite><time>0:01</time><p>Hello &ext; world</p>"
                + "<script>alert(1)</script></body></html>";
        Transcript t = assertTimeoutPreemptively(FAST, () -> new TranscriptParser().parse(html, "text/html"));
        String text = t.plainText();
        assertTrue(text.contains("Hello") && text.contains("world"), text);
        assertFalse(text.contains("root:") || text.contains("alert(1)"), text);
    }
}

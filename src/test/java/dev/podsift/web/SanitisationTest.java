package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.auth.Links;
import dev.podsift.auth.Tokens;
import dev.podsift.delivery.DigestEmail;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * Text written by strangers (show titles, episode titles, links, transcript text) rendered everywhere Podsift shows
 * it: the HTML and Markdown digests, both parts of the email, the private RSS and Atom feeds. Every payload must
 * come out as visible text, never as markup, a script, a style or a link that is not http(s).
 */
@Tag("hostile")
class SanitisationTest {
    /** Our own attack fixtures: each a way content has been used against feed readers. */
    static final String SCRIPT = "<script>alert('podcast')</script>";
    static final String SVG = "<svg onload=alert(1)><circle r=9/></svg>";
    static final String IMG = "<img src=x onerror=alert(2)>";
    static final String CSS = "</style><style>body{display:none}</style><div style=\"position:fixed;inset:0\">";
    static final String ATTR = "\" onmouseover=\"alert(3)\" x=\"";
    static final String IFRAME = "<iframe src=\"https://evil.example/\"></iframe>";

    private static List<DigestItem> hostileItems() {
        List<DigestItem> items = new ArrayList<>();
        String[][] cases = {
                {"Show " + SCRIPT, "Episode " + SVG, "javascript:alert(document.cookie)",
                        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="},
                {"Show " + CSS, "Episode " + IMG, "JaVaScRiPt:alert(4)", " vbscript:msgbox(1)"},
                {"Show " + ATTR, "Episode " + IFRAME, "https://example.com/ep\"><script>alert(5)</script>",
                        "https://cdn.example/a.mp3"},
        };
        for (int i = 0; i < cases.length; i++) {
            String text = "Always test your restores " + SCRIPT + IMG + " before you need them " + CSS;
            String quote = "always test your restores " + SVG + ATTR + IFRAME;
            EpisodeRef ref = new EpisodeRef(i + 1, cases[i][0], cases[i][1], cases[i][2], cases[i][3]);
            Insight in = new Insight(text, quote, 61.5, 70, 0.9, "Host", new float[384]);
            items.add(new DigestItem(i + 1, new StoredInsight(i + 1, ref, i + 1, in),
                    List.of(new StoredInsight(10 + i, new EpisodeRef(9, "Other " + SCRIPT, "Ep " + IMG,
                            "javascript:alert(6)", null), 9, in)), 0.9, 0.8, 0.1, 0.2));
        }
        return items;
    }

    /** No markup of the stranger's survives as markup in {@code html}. */
    private static void assertInert(String where, String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String bad : List.of("<script", "<svg", "<img", "<iframe", "<style>body", "<div style=\"position",
                "onload=", "onerror=", "onmouseover=\"", "javascript:", "vbscript:", "data:text/html")) {
            if (bad.startsWith("on") || bad.contains(":")) {
                // an attribute or a scheme may appear as escaped text; it must never be inside a tag or an href
                assertFalse(lower.matches("(?s).*<[^>]*" + java.util.regex.Pattern.quote(bad) + ".*"),
                        where + " has " + bad + " inside a tag:\n" + html);
            } else {
                assertFalse(lower.contains(bad), where + " has " + bad + ":\n" + html);
            }
        }
        assertTrue(html.contains("&lt;script&gt;") || html.contains("&amp;lt;script&amp;gt;"),
                where + " shows the text instead of dropping it:\n" + html);
    }

    @Test
    void theHtmlDigestEscapesEverything() {
        List<DigestItem> items = hostileItems();
        String html = new DigestRenderer().render(items, Instant.parse("2026-11-25T07:00:00Z"),
                DigestRenderer.Format.HTML);
        assertInert("html digest", html);
    }

    @Test
    void theMarkdownDigestCarriesNoRawHtmlOrScriptLinks() {
        String md = new DigestRenderer().render(hostileItems(), Instant.parse("2026-11-25T07:00:00Z"),
                DigestRenderer.Format.MD);
        String lower = md.toLowerCase(Locale.ROOT);
        // Markdown renderers pass raw HTML through, so none may reach it, and links must be http(s) only
        // every '<' of the stranger's is backslash-escaped, so a Markdown renderer shows it as text
        assertFalse(java.util.regex.Pattern.compile("(?<!\\\\)<(script|svg|img|iframe|style|/style|div)").matcher(lower).find(),
                md);
        assertTrue(md.contains("\\<script\\>"), md);
        assertFalse(lower.contains("](javascript:") || lower.contains("](data:") || lower.contains("](vbscript:")
                || lower.contains("]( vbscript:"), md);
    }

    @Test
    void theEmailAndThePrivateFeedsEscapeEverything() throws Exception {
        Tokens tokens = new Tokens("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC());
        Links links = new Links("https://podsift.example", tokens);
        Subscriber s = new Subscriber(7, "reader@example.com", Subscriber.ACTIVE, "", LocalTime.of(7, 0),
                ZoneId.of("UTC"), Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:00Z"), "0123456789abcdef0123456789abcdef");
        DigestEmail.Parts mail = new DigestEmail(links).render(s, LocalDate.of(2026, 11, 25), hostileItems());
        assertInert("email html", mail.html());
        assertFalse(mail.text().toLowerCase(Locale.ROOT).contains("javascript:"), "no script link in plain text");

        String json = new DigestRenderer().render(hostileItems(), Instant.parse("2026-11-25T07:00:00Z"),
                DigestRenderer.Format.JSON);
        DigestFeeds feeds = new DigestFeeds(links);
        List<DigestFeeds.Entry> entries = List.of(new DigestFeeds.Entry(LocalDate.of(2026, 11, 25),
                "Top 5 · 25 Nov", "<digest.2026-11-25.7@podsift.example>", Instant.parse("2026-11-25T07:00:00Z"),
                DigestView.parse(json)));
        for (String[] feed : new String[][] {{"rss", feeds.rss(s, entries), "description"},
                {"atom", feeds.atom(s, entries), "content"}}) {
            // the feed is well-formed XML, and the HTML it carries (what a reader renders) is inert
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                    feed[1].getBytes(StandardCharsets.UTF_8)));
            NodeList bodies = doc.getElementsByTagName(feed[2]);
            boolean checked = false;
            for (int i = 0; i < bodies.getLength(); i++) {
                String carried = bodies.item(i).getTextContent();
                if (carried.contains("Always test")) {
                    assertInert(feed[0] + " item html", carried);
                    checked = true;
                }
            }
            assertTrue(checked, feed[0] + " carries the digest:\n" + feed[1]);
        }
    }
}

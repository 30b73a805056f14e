package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.transcript.TranscriptParser;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it, in-process: output, exit codes and error messages. */
class CliTest {
    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private static String sample(String name) throws Exception {
        try (InputStream in = CliTest.class.getResourceAsStream("/demo/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void demoPrintsAGroundedTopFiveAcrossShows() throws Exception {
        Run r = run("demo", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode items = new ObjectMapper().readTree(r.out()).get("insights");
        assertEquals(5, items.size());
        StringBuilder allText = new StringBuilder();
        for (String f : new String[] {"shipping-software-41.vtt", "shipping-software-42.srt", "data-bench-17.md",
                "data-bench-18.json", "founder-hours-8.html", "founder-hours-9.md"}) {
            Transcript t = new TranscriptParser().parse(sample(f), f);
            allText.append(t.plainText()).append('\n');
        }
        Set<String> shows = new HashSet<>();
        for (JsonNode i : items) {
            shows.add(i.get("podcast").asText());
            assertTrue(allText.toString().contains(i.get("quote").asText()), "not verbatim: " + i.get("quote"));
            String q = i.get("quote").asText().toLowerCase();
            assertFalse(q.contains("sponsor") || q.contains("promo code") || q.contains("welcome"), q);
        }
        assertEquals(3, shows.size(), "the top 5 spans the three sample shows");
        assertTrue(r.err().contains("3 feed(s) scanned, 0 unreachable; 6 episode(s) analyzed, 0 failed"), r.err());
    }

    @Test
    void demoHtmlIsASelfContainedPage() throws Exception {
        Path page = tmp.resolve("digest.html");
        Run r = run("demo", "--format", "html", "-o", page.toString());
        assertEquals(0, r.code(), r.err());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!doctype html>"));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.matches("(?s).*(src|href)=\"(?!https?://podsift\\.example)[^\"]*\\.(css|js|png)\".*"), "no assets");
        assertEquals(5, html.split("<li>").length - 1);
    }

    @Test
    void feedsShowFollowsTheJsonContract() throws Exception {
        Run r = run("feeds", "show", Corpus.file("feeds/pfp__start_podcast.xml").toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode feed = new ObjectMapper().readTree(r.out());
        assertEquals("How to Start a Podcast", feed.get("title").asText());
        assertTrue(feed.has("new_url") && feed.has("locked") && feed.has("url"));
        JsonNode ep = feed.get("episodes").get(0);
        for (String f : new String[] {"guid", "identity", "title", "published", "duration_seconds", "enclosure_url",
                "enclosure_type", "transcripts"}) {
            assertTrue(ep.has(f), "episode field " + f);
        }
        assertTrue(ep.get("transcripts").get(0).has("language"));
    }

    @Test
    void titlesFromAFeedReachTheTerminalWithoutControlCharacters() throws Exception {
        String data = tmp.resolve("data").toString();
        Path feed = Files.writeString(tmp.resolve("hostile.xml"), "<rss><channel><title>Show\u001b]0;pwned\u0007"
                + "&#13;2026-12-02 12:00:00 INFO admin password reset</title><item><title>Episode\u009b2J\u202e one"
                + "</title><guid>1</guid></item></channel></rss>");
        Run add = run("feeds", "add", feed.toString(), "--data", data);
        Run list = run("feeds", "list", "--data", data);
        Run show = run("feeds", "show", feed.toString());
        for (Run r : new Run[] {add, list, show}) {
            String printed = r.out() + r.err();
            assertTrue(printed.contains("pwned") && printed.contains("INFO admin"), printed);
            assertFalse(printed.chars().anyMatch(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c == 0x202e),
                    "a control character reached the terminal: " + printed);
        }
    }

    @Test
    void feedsAddListExportImportRemoveRoundTrip() throws Exception {
        String data = tmp.resolve("data").toString();
        String feed = Corpus.file("feeds/npp__apple-example.xml").toString();
        assertEquals(0, run("feeds", "add", feed, "--data", data).code());
        Run bad = run("feeds", "add", tmp.resolve("missing.xml").toString(), "--data", data);
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("no such file"), bad.err());
        assertTrue(run("feeds", "list", "--data", data).out().contains("All About Everything"));
        Path opml = tmp.resolve("subs.opml");
        assertEquals(0, run("feeds", "export", "-o", opml.toString(), "--data", data).code());
        String other = tmp.resolve("other").toString();
        assertEquals(0, run("feeds", "import", opml.toString(), "--data", other).code());
        assertTrue(run("feeds", "list", "--data", other).out().contains(Path.of(feed).toAbsolutePath().normalize().toString()));
        assertEquals(0, run("feeds", "remove", feed, "--data", other).code());
        assertTrue(run("feeds", "list", "--data", other).out().contains("No feeds followed yet"));
    }

    @Test
    void badInputGivesOneClearLineAndANonZeroExit() throws Exception {
        Run missing = run("extract", tmp.resolve("nope.vtt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Path notOpml = Files.writeString(tmp.resolve("x.opml"), "<html><body>hi</body></html>");
        Run opml = run("digest", "--opml", notOpml.toString(), "--data", tmp.resolve("d").toString());
        assertEquals(1, opml.code());
        assertTrue(opml.err().contains("not an OPML file"), opml.err());
        Run none = run("digest", "--data", tmp.resolve("d2").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no feeds to scan"), none.err());
    }

    @Test
    void aSinceDateOutOfRangeIsRefusedClearly() {
        Run r = run("digest", "--since", "+999999999-12-31", "--data", tmp.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("podsift: --since +999999999-12-31 is out of range: give a date from 1900-01-01"),
                r.err());
        assertFalse(r.err().contains("overflow"), r.err());
    }

    @Test
    void extractListsInsightsOfOneTranscript() throws Exception {
        Run r = run("extract", Corpus.file("transcripts/podcastindex-examples/transcript-example.srt").toString(),
                "--top", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode items = new ObjectMapper().readTree(r.out()).get("insights");
        assertEquals(3, items.size());
        assertTrue(items.get(0).get("podcast").isNull());
    }

    @Test
    void evalHeroWithoutAModelSaysWhatToSet() {
        Run r = run("eval", "--hero");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("PODSIFT_LLM_PROVIDER"), r.err());
    }

    @Test
    void extractOfAnAudioFileTranscribesItFirst() throws Exception {
        Run r = run("extract", "--data", Path.of("target", "asr-test-data").toString(),
                "src/test/resources/audio/speech.opus", "--top", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode items = new ObjectMapper().readTree(r.out()).get("insights");
        // a minute of speech: the judge's whole thoughts fit two or three times
        assertTrue(items.size() >= 2 && items.size() <= 3, r.out());
        String quotes = items.findValuesAsText("quote").toString().toLowerCase(java.util.Locale.ROOT);
        assertTrue(quotes.contains("alert") || quotes.contains("test") || quotes.contains("recover"), quotes);
        assertTrue(r.err().contains("transcribing"), "progress on stderr: " + r.err());
    }

    @Test
    void configPrintsTheSettings() {
        // that the docs list every setting is SettingsDocsTest's job
        Run r = run("config");
        assertTrue(r.out().contains("PODSIFT_ASR_API_KEY"), r.out());
    }
}

package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.model.Stage;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.Corpus;
import dev.podsift.support.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path over real HTTP on 127.0.0.1 with the corpus's real transcripts: good episodes become insights,
 * every bad feed and episode gets one clear line and a FAILED reason, and nothing else is lost.
 */
class PipelineHttpTest {
    @TempDir
    Path tmp;
    private LocalHttpServer corpus;
    private LocalHttpServer feeds;
    private App app;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;

    @BeforeEach
    void setUp() throws Exception {
        corpus = new LocalHttpServer(Corpus.root().toAbsolutePath());
        Path feedDir = Files.createDirectories(tmp.resolve("feeds"));
        feeds = new LocalHttpServer(feedDir);
        String t = corpus.url("/transcripts/");
        Files.writeString(feedDir.resolve("mixed.xml"), feed("Mixed Show",
                item("good-srt", t + "podcastindex-examples/transcript-example.srt", "application/srt")
                        + item("good-md", t + "changelog/practical-ai-300.md", "text/markdown")
                        + item("missing", t + "nope/404.vtt", "text/vtt")
                        + item("audio-not-text", feeds.url("/audio.mp3"), "application/x-unknown")
                        + item("empty", feeds.url("/empty.txt"), "text/plain")
                        + item("none", null, null)));
        Files.writeString(feedDir.resolve("talk.xml"), feed("Talk Show",
                item("owasp", t + "talkpython/545-owasp-top-10-transcript-final.vtt", "text/vtt")));
        feeds.route("/audio.mp3", new LocalHttpServer.Route(200, "audio/mpeg", new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0}, 0));
        feeds.route("/empty.txt", new LocalHttpServer.Route(200, "text/plain", new byte[0], 0));
        feeds.route("/html.xml", new LocalHttpServer.Route(200, "text/html",
                "<!doctype html><html><head><title>Show</title></head><body>Our show</body></html>".getBytes(), 0));
        feeds.route("/slow.xml", new LocalHttpServer.Route(200, "application/rss+xml", "<rss/>".getBytes(), 2500));
        Map<String, String> env = Map.of("PODSIFT_DATA", tmp.resolve("data").toString(),
                "PODSIFT_HTTP_TIMEOUT_SECONDS", "1", "PODSIFT_BACKLOG", "10",
                "PODSIFT_ASR", "off", // the enclosures point at audio.example: never fetched
                "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true"); // the test servers are on 127.0.0.1
        app = new App(Config.from(env), Clock.systemUTC());
        savedErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (savedErr != null) {
            System.setErr(savedErr);
        }
        for (AutoCloseable c : new AutoCloseable[] {app, corpus, feeds}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String feed(String title, String items) {
        return "<?xml version=\"1.0\"?><rss xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>"
                + title + "</title>" + items + "</channel></rss>";
    }

    private static String item(String id, String transcript, String type) {
        return "<item><title>Episode " + id + "</title><guid>" + id + "</guid><pubDate>Mon, 23 Nov 2026 10:00:00 GMT"
                + "</pubDate><enclosure url=\"https://audio.example/" + id + ".mp3\" type=\"audio/mpeg\"/>"
                + (transcript == null ? "" : "<podcast:transcript url=\"" + transcript + "\" type=\"" + type + "\"/>")
                + "</item>";
    }

    private List<StoredPodcast> follow(String... paths) throws Exception {
        List<StoredPodcast> out = new ArrayList<>();
        for (String p : paths) {
            app.podcasts().add(feeds.url(p));
            out.add(app.podcasts().find(feeds.url(p)).orElseThrow());
        }
        return out;
    }

    private JsonNode digest(List<StoredPodcast> podcasts, Instant since) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DigestRun.run(app, podcasts, since, 5, null, DigestRenderer.Format.JSON, null,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badFeedsAndEpisodesAreReportedAndTheRestCarriesOn() throws Exception {
        List<StoredPodcast> podcasts = follow("/mixed.xml", "/talk.xml", "/gone.xml", "/html.xml", "/slow.xml");
        JsonNode first = digest(podcasts, null);
        String log = err.toString(StandardCharsets.UTF_8);

        assertTrue(log.contains("feed " + feeds.url("/gone.xml") + ": HTTP 404"), log);
        assertTrue(log.contains("feed " + feeds.url("/html.xml") + ": got an HTML page"), log);
        assertTrue(log.contains("feed " + feeds.url("/slow.xml") + ": timed out"), log);
        assertTrue(log.contains("episode 'Episode missing' (Mixed Show): transcript") && log.contains("HTTP 404"), log);
        assertTrue(log.contains("episode 'Episode audio-not-text' (Mixed Show)") && log.contains("unknown transcript format"), log);
        assertTrue(log.contains("episode 'Episode empty' (Mixed Show)") && log.contains("empty"), log);
        assertTrue(log.contains("episode 'Episode none' (Mixed Show): no publisher transcript"), log);

        long mixed = podcasts.get(0).id();
        Map<String, StoredEpisode> byId = new java.util.HashMap<>();
        for (Stage s : Stage.values()) {
            for (StoredEpisode e : app.episodes().inStage(mixed, s)) {
                byId.put(e.identity(), e);
            }
        }
        assertEquals(Stage.ANALYZED, byId.get("good-srt").stage(), byId.get("good-srt").failureReason());
        assertEquals(Stage.ANALYZED, byId.get("good-md").stage());
        for (String bad : List.of("missing", "audio-not-text", "empty", "none")) {
            assertEquals(Stage.FAILED, byId.get(bad).stage(), bad);
            assertFalse(byId.get(bad).failureReason().isBlank(), bad);
        }
        assertEquals("HTTP 404 Not Found from " + feeds.url("/gone.xml"),
                app.podcasts().find(feeds.url("/gone.xml")).orElseThrow().lastError());

        JsonNode items = first.get("insights");
        assertEquals(5, items.size());
        Set<String> shows = new HashSet<>();
        for (JsonNode i : items) {
            shows.add(i.get("podcast").asText());
            assertTrue(i.get("audio_url").asText().startsWith("https://audio.example/good-")
                    || i.get("audio_url").asText().equals("https://audio.example/owasp.mp3"), i.toString());
            for (String field : List.of("rank", "text", "quote", "podcast", "episode", "episode_url", "audio_url",
                    "start_seconds", "end_seconds", "score", "also_in")) {
                assertTrue(i.has(field), "JSON contract field " + field);
            }
        }
        assertEquals(Set.of("Mixed Show", "Talk Show"), shows);

        // the store remembers: a second digest over the same feeds repeats nothing
        JsonNode second = digest(podcasts, null);
        Set<String> firstQuotes = quotes(first);
        for (String q : quotes(second)) {
            assertFalse(firstQuotes.contains(q), "repeated: " + q);
        }
        // unless --since asks for a re-run
        JsonNode rerun = digest(podcasts, Instant.parse("2026-11-01T00:00:00Z"));
        assertEquals(firstQuotes, quotes(rerun));
    }

    private static Set<String> quotes(JsonNode digest) {
        Set<String> out = new HashSet<>();
        digest.get("insights").forEach(i -> out.add(i.get("quote").asText()));
        return out;
    }

    @Test
    void aTranscriptLongerThanTheSentenceLimitIsAnalysedUpToItAndTheEpisodeSaysSo() throws Exception {
        Map<String, String> env = Map.of("PODSIFT_DATA", tmp.resolve("limited").toString(), "PODSIFT_ASR", "off",
                "PODSIFT_MAX_ANALYSED_SENTENCES", "12");
        try (App limited = new App(Config.from(env), Clock.systemUTC())) {
            limited.podcasts().add(Path.of("src/main/resources/demo/shipping-software.xml").toAbsolutePath().toString());
            limited.pipeline(new dev.podsift.app.Progress(new PrintStream(java.io.OutputStream.nullOutputStream()), false,
                    limited.clock())).run(limited.podcasts().list(), null, null);
            StoredPodcast show = limited.podcasts().list().get(0);
            List<StoredEpisode> analysed = limited.episodes().inStage(show.id(), Stage.ANALYZED);
            assertEquals(2, analysed.size(), "both episodes analysed, from their first 12 sentences");
            for (StoredEpisode e : analysed) {
                assertTrue(e.failureReason() != null && e.failureReason().startsWith("analysed the first 12 of ")
                        && e.failureReason().contains("PODSIFT_MAX_ANALYSED_SENTENCES"), e.title() + ": " + e.failureReason());
            }
        }
    }
}

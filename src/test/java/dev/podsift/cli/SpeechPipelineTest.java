package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.model.Stage;
import dev.podsift.model.Transcript;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import dev.podsift.support.LocalHttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Episodes with audio and no transcript, over real HTTP on 127.0.0.1: the good one is recognised and yields
 * insights; a web page posing as audio and a download cut short fail alone, with reasons; with more audio than the
 * budget, the episode closest to the topics goes first and the rest wait, named in the log.
 */
class SpeechPipelineTest {
    @TempDir
    Path tmp;
    private LocalHttpServer server;
    private App app;

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            app.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(Map<String, String> extraEnv, String items) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("www"));
        Files.copy(Path.of("src/test/resources/audio/speech.opus"), dir.resolve("speech.opus"));
        server = new LocalHttpServer(dir);
        Files.writeString(dir.resolve("feed.xml"), "<?xml version=\"1.0\"?><rss xmlns:itunes="
                + "\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel><title>Spoken Show</title>"
                + items.replace("BASE/", server.url("/")) + "</channel></rss>");
        server.route("/page.mp3", new LocalHttpServer.Route(200, "audio/mpeg",
                "<!DOCTYPE html><html><body>This episode has moved</body></html>".getBytes(StandardCharsets.UTF_8), 0));
        byte[] audio = Files.readAllBytes(dir.resolve("speech.opus"));
        server.handler("/cut.opus", ex -> {
            ex.getResponseHeaders().set("Content-Type", "audio/ogg");
            ex.sendResponseHeaders(200, audio.length);
            ex.getResponseBody().write(audio, 0, audio.length / 3);
            ex.close(); // the connection drops a third of the way through
        });
        Map<String, String> env = new HashMap<>(Map.of("PODSIFT_DATA", tmp.resolve("data").toString(),
                "PODSIFT_BACKLOG", "10", "PODSIFT_ALLOW_PRIVATE_NETWORKS", "true"));
        env.putAll(extraEnv);
        app = new App(Config.from(env), Clock.systemUTC());
    }

    private static String item(String id, String title, String day, String url, int seconds, String notes) {
        return "<item><title>" + title + "</title><guid>" + id + "</guid><pubDate>" + day + " Nov 2026 10:00:00 GMT"
                + "</pubDate><itunes:duration>" + seconds + "</itunes:duration><description>" + notes
                + "</description><enclosure url=\"" + url + "\" type=\"audio/ogg\" length=\"1\"/></item>";
    }

    private String run(String topics, List<StoredPodcast> podcasts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setErr(errStream); // progress lines go to stderr
        int code;
        try {
            code = DigestRun.run(app, podcasts, null, 5, topics, DigestRenderer.Format.JSON, null,
                    new PrintStream(out, true, StandardCharsets.UTF_8), errStream);
        } finally {
            System.setErr(saved);
        }
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8) + "\n---\n" + err.toString(StandardCharsets.UTF_8);
    }

    private Map<String, StoredEpisode> episodes(long podcast) throws Exception {
        Map<String, StoredEpisode> out = new HashMap<>();
        for (Stage s : Stage.values()) {
            app.episodes().inStage(podcast, s).forEach(e -> out.put(e.identity(), e));
        }
        return out;
    }

    @Test
    void audioEpisodesAreTranscribedAndBadAudioFailsAlone() throws Exception {
        start(Map.of(), item("good", "Shipping small", "Mon, 23", "BASE/speech.opus", 78, "Lessons")
                + item("page", "Moved", "Mon, 23", "BASE/page.mp3", 78, "")
                + item("cut", "Cut short", "Mon, 23", "BASE/cut.opus", 78, ""));
        app.podcasts().add(server.url("/feed.xml"));
        StoredPodcast p = app.podcasts().find(server.url("/feed.xml")).orElseThrow();
        String output = run(null, List.of(p));
        String json = output.substring(0, output.indexOf("\n---\n"));

        Map<String, StoredEpisode> byId = episodes(p.id());
        assertEquals(Stage.ANALYZED, byId.get("good").stage(), byId.get("good").failureReason());
        assertEquals(Stage.FAILED, byId.get("page").stage());
        assertTrue(byId.get("page").failureReason().contains("web page"), byId.get("page").failureReason());
        // a cut download may pass: it waits for a retry (RetryPolicy) instead of failing for good
        assertEquals(Stage.NEW, byId.get("cut").stage());
        assertTrue(byId.get("cut").failureReason().contains("cut off")
                && byId.get("cut").failureReason().contains("try 1 of 4"), byId.get("cut").failureReason());

        Transcript t = app.episodes().transcript(byId.get("good").id()).orElseThrow();
        assertTrue(t.durationSeconds() > 60, "the whole episode: " + t.durationSeconds());
        JsonNode items = new ObjectMapper().readTree(json).get("insights");
        // a minute of speech holds two or three lessons; the judge keeps whole thoughts, so it may send two
        assertTrue(items.size() >= 2, json);
        for (JsonNode i : items) {
            assertTrue(t.plainText().contains(i.get("quote").asText()), "verbatim: " + i.get("quote"));
            assertTrue(i.get("start_seconds").asDouble() > 0, i.toString());
        }
        try (Stream<Path> left = Files.list(tmp.resolve("data/audio"))) {
            assertEquals(List.of(), left.toList(), "downloads are removed, partial ones too");
        }
    }

    @Test
    void overTheBudgetTheEpisodeClosestToTheTopicsGoesFirst() throws Exception {
        // each claims 50 minutes; after the first, the measured speed says the next would not fit in one minute
        start(Map.of("PODSIFT_ASR_BUDGET_MINUTES", "1"),
                item("garden", "Spring gardening", "Tue, 24", "BASE/speech.opus", 3000,
                        "Planting tomatoes and roses in raised beds")
                + item("ops", "Shipping software safely", "Sun, 22", "BASE/speech.opus", 3000,
                        "Small releases, testing, and humane on-call alerts for software teams")
                + item("food", "Pasta night", "Mon, 23", "BASE/speech.opus", 3000, "Cooking fresh pasta at home"));
        app.podcasts().add(server.url("/feed.xml"));
        StoredPodcast p = app.podcasts().find(server.url("/feed.xml")).orElseThrow();
        String output = run("software testing and on-call", List.of(p));
        String log = output.substring(output.indexOf("\n---\n"));

        Map<String, StoredEpisode> byId = episodes(p.id());
        assertEquals(Stage.ANALYZED, byId.get("ops").stage(), log);
        assertEquals(Stage.NEW, byId.get("garden").stage(), "waits for the next run");
        assertEquals(Stage.NEW, byId.get("food").stage(), "waits for the next run");
        assertTrue(log.contains("PODSIFT_ASR_BUDGET_MINUTES") && log.contains("2 episode(s)")
                && log.contains("'Spring gardening'") && log.contains("'Pasta night'"), log);
        assertTrue(log.contains("2 deferred"), log);
    }
}

package dev.podsift.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Insight;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import dev.podsift.support.MutableClock;
import dev.podsift.transcript.TranscriptParser;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The extractor with the real MiniLM model on real transcripts, and the bounds on one analysis' work. */
class InsightExtractorTest {
    private static MiniLmEmbedder embedder;
    private static InsightExtractor extractor;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder();
        extractor = new InsightExtractor(embedder);
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static Transcript corpus(String path) throws Exception {
        return new TranscriptParser().parse(Files.readString(Corpus.file("transcripts/" + path)), path);
    }

    @Test
    void quotesAreVerbatimAndTimesInsideTheEpisode() throws Exception {
        for (String f : new String[] {"podcastindex-examples/transcript-example.srt", "changelog/practical-ai-300.md",
                "talkpython/545-owasp-top-10-transcript-final.vtt"}) {
            Transcript t = corpus(f);
            List<Insight> top = extractor.extract(t, 5);
            // the 14-minute example fits only four passages of the judge's length without repeating itself
            assertEquals(f.startsWith("podcastindex") ? 4 : 5, top.size(), f);
            String plain = t.plainText();
            for (Insight in : top) {
                assertTrue(plain.contains(in.quote().replaceAll("\\s+", " ")), f + ": quote not verbatim: " + in.quote());
                assertTrue(in.startSeconds() >= 0 && in.startSeconds() <= in.endSeconds(), f + ": " + in);
                assertTrue(in.endSeconds() <= t.durationSeconds() + 1, f + ": ends after the episode: " + in);
                assertEquals(384, in.embedding().length);
            }
        }
    }

    private static double meanWords(List<Insight> picks) {
        return picks.stream().mapToInt(in -> in.quote().split("\\s+").length).average().orElse(0);
    }

    @Test
    void theJudgeChoosesAmongTheWindowsAroundTheBestSpots() throws Exception {
        // a judge that likes long passages takes in the sentences around a spot (wide windows included); one that
        // likes short ones keeps to a sentence or two: the same spots, read differently
        Transcript t = corpus("practicalai/practical-ai-270.md");
        var longer = new InsightExtractor(embedder, ScoringModel.bundled(), InsightExtractor.PRIOR_WEIGHT,
                JudgeModelTest.linear("words", 8, 0)).extract(t, 5);
        var shorter = new InsightExtractor(embedder, ScoringModel.bundled(), InsightExtractor.PRIOR_WEIGHT,
                JudgeModelTest.linear("words", -2, 3)).extract(t, 5); // above the judge's floor up to ~130 words
        assertEquals(5, longer.size());
        assertEquals(5, shorter.size());
        assertTrue(meanWords(longer) > 90, "long passages, some wider than the first stage reads: " + meanWords(longer));
        assertTrue(meanWords(shorter) < meanWords(longer) - 40, meanWords(shorter) + " vs " + meanWords(longer));
        for (Insight in : longer) {
            assertTrue(t.plainText().contains(in.quote().replaceAll("\\s+", " ")), "verbatim: " + in.quote());
            assertTrue(in.score() >= 0 && in.score() <= 1, "the judge's probability is the score: " + in.score());
        }
    }

    @Test
    void greetingsSponsorsAndQuestionsAreNotInsights() throws Exception {
        for (String f : new String[] {"practicalai/practical-ai-270.md", "practicalai/practical-ai-281.md",
                "podcastindex-examples/transcript-example.srt"}) {
            for (Insight in : extractor.extract(corpus(f), 5)) {
                String q = in.quote().toLowerCase(Locale.ROOT);
                assertFalse(q.contains("welcome to"), f + ": greeting picked: " + in.quote());
                assertFalse(q.contains("brought to you by"), f + ": sponsor read picked: " + in.quote());
                assertFalse(in.quote().trim().endsWith("?"), f + ": question picked: " + in.quote());
                int words = in.text().split(" ").length;
                // the judge's wide windows reach 140 words (a single sentence may run a little over)
                assertTrue(words >= 6 && words <= 150, f + ": " + words + " words: " + in.text());
            }
        }
    }

    @Test
    void theBuzzsproutTipsEpisodeYieldsItsTips() throws Exception {
        // the show notes list the 10 tips; the extractor should find several of them unaided
        List<Insight> top = extractor.extract(corpus("podcastindex-examples/transcript-example.srt"), 10);
        String all = String.join(" ", top.stream().map(Insight::quote).toList()).toLowerCase(Locale.ROOT);
        int found = 0;
        for (String tip : new String[] {"audio", "intro", "template", "guest", "batch", "social media", "trailer",
                "consisten", "feedback", "plan"}) {
            if (all.contains(tip)) {
                found++;
            }
        }
        assertTrue(found >= 4, "only " + found + " of the 10 tips' keywords among the top 10: " + all);
    }

    @Test
    void cleanerRemovesFillersButKeepsMeaning() {
        SpokenTextCleaner c = new SpokenTextCleaner();
        assertEquals("The key is to test on your own data.",
                c.clean("So, um, the key is, you know, to test on on your own data"));
        assertEquals("Small changes are safer.", c.clean("And, uh, small changes are safer"));
        assertEquals("", c.clean("Mm-hmm.").replace(".", ""), "a filler alone leaves nothing");
        // connectives that carry meaning stay: dropping them would change what was said or leave a fragment
        assertEquals("So much less time to react.", c.clean("So much less time to react"));
        assertEquals("Because of the cost, teams wait.", c.clean("Because of the cost, teams wait."));
        assertEquals("Like most teams, we cache pages.", c.clean("Like most teams, we cache pages."));
        assertEquals("Now that you have threads, async matters less.",
                c.clean("Also now that you have threads, async matters less.").replaceFirst("^Also n", "N"));
        assertEquals("That's when you need it.", c.clean("But you know, like that's when you need it"));
        assertEquals("If you cache it, it is fast.", c.clean("Yeah, so if you cache it, it is fast."));
        assertEquals("I think that, of course, is wrong.", c.clean("And I think that, of course, is wrong."));
        assertEquals("Most teams cache too little.", c.clean("And I think that most teams cache too little."));
    }

    @Test
    void aColdOpenIsNeverPickedOverThePassageItPreviews() throws Exception {
        // Lenny's Podcast opens with a clip of the guest said again, in full, later in the episode
        Transcript t = new TranscriptParser().parse(
                Files.readString(Corpus.file("teacher/lenny/transcripts/adam-fishman.md")), "adam-fishman.md");
        double introEnds = t.segments().get(1).start();
        for (Insight in : extractor.extract(t, 10)) {
            assertTrue(in.startSeconds() >= introEnds, "picked the cold open at " + in.startSeconds() + ": "
                    + in.quote());
        }
    }

    @Test
    void noTwoPicksOfAnEpisodeMakeTheSamePoint() throws Exception {
        for (String f : new String[] {"changelog/practical-ai-300.md", "talkpython/545-owasp-top-10-transcript-final.vtt",
                "practicalai/practical-ai-281.md"}) {
            Transcript t = corpus(f);
            List<Insight> top = extractor.extract(t, 5);
            double thread = SameIdea.threadSeconds(t.durationSeconds());
            for (int i = 0; i < top.size(); i++) {
                for (int j = 0; j < i; j++) {
                    assertFalse(SameIdea.inOneEpisode(top.get(i), top.get(j), thread), f + ": the same idea twice: "
                            + top.get(j).quote() + " / " + top.get(i).quote());
                }
            }
        }
    }

    /** A synthetic transcript of {@code n} plain-text sentences (about 80 bytes each). */
    private static Transcript huge(int n) throws Exception {
        StringBuilder text = new StringBuilder(n * 80);
        for (int i = 0; i < n; i++) {
            text.append("Lesson ").append(i).append(" is that a small team should ship one small change every day. ");
        }
        return new TranscriptParser().parse(text.toString(), "huge.txt");
    }

    /**
     * Counts the sentences embedded (the bulk of an analysis' cost); its vectors are cheap stand-ins, since the real
     * model on an unbounded transcript (what this guards against) would take many minutes.
     */
    private static Embedder counting(AtomicInteger embedded, Runnable onCall) {
        return texts -> {
            embedded.addAndGet(texts.size());
            onCall.run();
            float[][] out = new float[texts.size()][384];
            for (int i = 0; i < out.length; i++) {
                out[i][Math.floorMod(texts.get(i).hashCode(), 384)] = 1;
            }
            return out;
        };
    }

    @Test
    void aHugeTranscriptIsReadOnlyUpToTheSentenceLimit() throws Exception {
        Transcript t = huge(100_000); // about 8 MiB: unbounded, some six minutes of embedding
        AtomicInteger embedded = new AtomicInteger();
        InsightExtractor bounded = new InsightExtractor(counting(embedded, () -> { }), null);
        bounded.extract(huge(10), 5); // loads the prototypes, so what follows counts this transcript alone
        embedded.set(0);
        InsightExtractor.Extraction r = bounded.extract(t, 5, new InsightExtractor.Limits(2000, Deadline.NONE));
        assertEquals(100_000, r.sentences());
        assertEquals(2000, r.analysed());
        assertTrue(r.truncated());
        assertTrue(embedded.get() <= 2000 + 15, "sentences embedded: " + embedded.get()); // + the picks, whole
        assertEquals(5, r.insights().size());
    }

    @Test
    void anAnalysisPastItsDeadlineStopsBeforeScoringAWindow() throws Exception {
        MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-25T06:00:00Z"));
        AtomicInteger embedded = new AtomicInteger();
        // embedding this transcript "takes" eleven minutes on the clock
        InsightExtractor slow = new InsightExtractor(counting(embedded, () -> clock.advance(Duration.ofMinutes(11))),
                null);
        slow.extract(huge(10), 5); // loads the prototypes
        embedded.set(0);
        Deadline deadline = new Deadline(clock, clock.instant().plus(Duration.ofMinutes(10)));
        Transcript t = huge(3000);
        assertThrows(Deadline.Passed.class, () -> slow.extract(t, 5, new InsightExtractor.Limits(6000, deadline)));
        assertEquals(3000, embedded.get(), "the sentences, then nothing more: no window scored, no pick embedded");
    }
}

package dev.podsift.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The turn and time conventions of transcription tools' exports: speakers and times into segments, not into text. */
class TranscriptFormatsTest {
    private static final Pattern LEAK = Pattern.compile("\\(\\d{1,2}:\\d{2}(?::\\d{2})?\\)|\\[\\d{1,2}:\\d{2}|"
            + "\\*\\*|^#|\\d{1,2}:\\d{2}:\\d{2}|<\\d|</?c>");
    private final TranscriptParser parser = new TranscriptParser();

    private static Segment at(Transcript t, String words) {
        return t.segments().stream().filter(s -> s.text().startsWith(words)).findFirst()
                .orElseThrow(() -> new AssertionError("no segment starts with '" + words + "'"));
    }

    private static void noLeaks(Transcript t) {
        for (Segment s : t.segments()) {
            assertFalse(LEAK.matcher(s.text()).find(), "label, time or markup in the text: " + s.text());
        }
    }

    @Test
    void revStyleTurnLinesGiveSpeakersAndTheirOwnTimes() throws Exception {
        Transcript t = parser.parse(Files.readString(Corpus.file("teacher/lenny/transcripts/adam-fishman.md")), "x.md");
        noLeaks(t);
        assertEquals("Adam Fishman", t.segments().get(0).speaker());
        assertEquals(0.0, t.segments().get(0).start());
        Segment wedges = at(t, "The whole thing looks like a big circle");
        assertEquals(15 * 60 + 19, wedges.start(), "the turn's own mark, 00:15:19");
        assertEquals("Adam Fishman", wedges.speaker());
        assertEquals(46 * 60 + 17, at(t, "You could actually reduce conversion").start());
    }

    @Test
    void frontMatterBecomesTheEpisodesMetadata() throws Exception {
        Transcript t = parser.parse(Files.readString(Corpus.file("teacher/lenny/transcripts/adam-fishman.md")), "x.md");
        assertEquals("Lenny's Podcast", t.info().show());
        assertTrue(t.info().title().startsWith("How to build a high-performing growth team | Adam Fishman"),
                t.info().title());
        assertTrue(t.info().title().endsWith("Imperfect Foods)"), "a title folded over two lines is one line");
        assertEquals("Adam Fishman", t.info().guest());
        assertEquals(3946.0, t.info().durationSeconds());
        assertFalse(t.plainText().contains("youtube_url"), "front matter is not speech");
    }

    @Test
    void frontMatterThatIsNotYamlTellsNothingButIsNotSpeech() throws Exception {
        Transcript t = parser.parse("---\ntitle: [unclosed\n  : : :\n---\nAnn: Real words here.\n", "x.md");
        assertTrue(t.info().isEmpty());
        assertEquals("Real words here.", t.plainText());
        Transcript aliases = parser.parse("---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a]\n"
                + "c: [*b, *b, *b, *b, *b, *b, *b, *b]\ntitle: Bomb\n---\nAnn: Still read.\n", "x.md");
        assertEquals("Still read.", aliases.plainText(), "an alias bomb is refused, the speech still read");
    }

    @Test
    void revInlineAndContinuationMarks() throws Exception {
        Transcript t = parser.parse("""
                Julie Zhuo (32:46): There's one phrase I keep coming back to.

                (33:10):
                And it still holds.

                Lenny (1:02:03):
                Tell me more.
                """, "x.txt");
        noLeaks(t);
        assertEquals(List.of(1966.0, 1990.0, 3723.0), t.segments().stream().map(Segment::start).toList());
        assertEquals("Julie Zhuo", t.segments().get(1).speaker(), "a bare mark continues the turn");
        assertEquals("Lenny", t.segments().get(2).speaker());
    }

    @Test
    void revPublishedStyleNameColonTime() throws Exception {
        Transcript t = parser.parse("Chris Wallace: (01:20)\nGood evening from the campus.\n\n"
                + "Vice President Joe Biden: (02:49)\nHow you doing, man?\n", "x.txt");
        assertEquals("Vice President Joe Biden", t.segments().get(1).speaker());
        assertEquals(169.0, t.segments().get(1).start());
        assertEquals("Good evening from the campus. How you doing, man?", t.plainText());
    }

    @Test
    void otterExport() throws Exception {
        Transcript t = parser.parse("Kelly  0:34  \nWelcome to the show.\n\nUnknown Speaker  0:35  \nI'm Kelly.\n\n"
                + "Sidney  55:21  \nThank you so much.\n\nTranscribed by https://otter.ai\n", "x.txt");
        assertEquals("Welcome to the show. I'm Kelly. Thank you so much.", t.plainText());
        assertEquals("Unknown Speaker", t.segments().get(1).speaker());
        assertEquals(55 * 60 + 21, t.segments().get(2).start());
    }

    @Test
    void riversideExportWithMilliseconds() throws Exception {
        Transcript t = parser.parse("Ana Lima (00:03.250)\nHello and welcome.\n\nBo Chen (01:12.500)\nThanks.\n", "x.txt");
        assertEquals(72.5, t.segments().get(1).start());
        assertEquals("Bo Chen", t.segments().get(1).speaker());
        noLeaks(t);
    }

    @Test
    void aMarkInsideSpeechIsNotATurn() throws Exception {
        Transcript t = parser.parse("**Ann:** It works. \\[12:30\\] And so we shipped it.\n", "x.md");
        assertEquals("Ann", t.segments().get(1).speaker());
        assertEquals(750.0, t.segments().get(1).start());
        assertEquals("It works. And so we shipped it.", t.plainText());
    }

    @Test
    void markdownLinksAndHeadingsAreFormatting() throws Exception {
        Transcript t = parser.parse("# Episode 12\n\n## Transcript\n\n**Ann:** See [our guide](https://x.test/g) "
                + "for __more__.\n", "x.md");
        assertEquals("See our guide for more.", t.plainText());
    }

    @Test
    void untimedTextIsNeverTimedPastTheNextMark() throws Exception {
        // the second mark goes back (an edit); the words before it stay at the first mark, not minutes later
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            many.append("word").append(i).append(" ");
        }
        Transcript t = parser.parse("Ann (10:00):\nFirst.\n\n" + "Bo:\n" + many + "\n\nAnn (09:50):\nLast.\n", "x.txt");
        for (Segment s : t.segments()) {
            assertTrue(s.start() <= 600.0, "timed past a mark: " + s);
        }
        assertEquals(590.0, t.segments().get(2).start(), "the transcript's own time");
    }

    @Test
    void youtubeAutoCaptionsSayEachLineOnce() throws Exception {
        String vtt = """
                WEBVTT
                Kind: captions
                Language: en

                00:00:00.179 --> 00:00:01.910 align:start position:0%
                \s
                welcome<00:00:00.719><c> to</c><00:00:00.960><c> the</c><00:00:01.200><c> lab</c>

                00:00:01.910 --> 00:00:01.920 align:start position:0%
                welcome to the lab
                \s

                00:00:01.920 --> 00:00:03.949 align:start position:0%
                welcome to the lab
                where<00:00:02.520><c> we</c><00:00:02.700><c> discuss</c><00:00:03.000><c> science</c>

                00:00:03.949 --> 00:00:03.959 align:start position:0%
                where we discuss science
                \s

                00:00:03.959 --> 00:00:06.000 align:start position:0%
                where we discuss science
                and<00:00:04.200><c> health</c>
                """;
        Transcript t = parser.parse(vtt, "text/vtt");
        assertEquals("welcome to the lab where we discuss science and health", t.plainText());
        assertEquals(1.92, t.segments().get(1).start());
        noLeaks(t);
    }

    @Test
    void zoomCaptionsNameTheSpeakerInTheCue() throws Exception {
        Transcript t = parser.parse("WEBVTT\n\n1\n00:00:05.790 --> 00:00:13.514\nChristina: Lorem ipsum dolor.\n\n"
                + "2\n00:00:14.000 --> 00:00:15.000\nMark Li: Sit amet.\n", "text/vtt");
        assertEquals("Mark Li", t.segments().get(1).speaker());
        assertEquals("Lorem ipsum dolor. Sit amet.", t.plainText());
    }

    @Test
    void twoSpeakersSayingTheSameWordsAreBothHeard() throws Exception {
        Transcript t = parser.parse("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Yeah.\n\n"
                + "00:00:02.000 --> 00:00:03.000\n<v Bob>Yeah.\n", "text/vtt");
        assertEquals(List.of("Ann", "Bob"), t.segments().stream().map(Segment::speaker).toList());
    }
}

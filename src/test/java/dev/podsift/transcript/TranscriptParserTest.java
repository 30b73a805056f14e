package dev.podsift.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
import dev.podsift.support.Corpus;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class TranscriptParserTest {
    private final TranscriptParser parser = new TranscriptParser();

    private Transcript corpus(String path) throws Exception {
        return parser.parse(Files.readString(Corpus.file("transcripts/" + path)), path);
    }

    @Test
    void srtKeepsSpeakersAcrossCuesAndCoversTheEpisode() throws Exception {
        Transcript t = corpus("podcastindex-examples/transcript-example.srt");
        assertEquals(222, t.segments().size());
        assertEquals("Travis", t.segments().get(0).speaker());
        assertTrue(t.durationSeconds() > 750 && t.durationSeconds() < 760, "12:34 episode");
        assertTrue(t.segments().stream().anyMatch(s -> "Sarah".equals(s.speaker())));
    }

    @Test
    void htmlTranscriptHasTimedSpeakerTurns() throws Exception {
        Transcript t = corpus("podcastindex-examples/transcript-example.html");
        assertEquals(10, t.segments().size());
        assertEquals(53.0, t.segments().get(1).start());
        assertEquals("Sarah", t.segments().get(1).speaker());
    }

    @Test
    void jsonWordSegmentsAreJoinedPerSpeaker() throws Exception {
        Transcript t = corpus("podcastindex-examples/transcript-example.json");
        assertEquals("I am your father.", t.segments().get(0).text());
        assertEquals("Darth Vader", t.segments().get(0).speaker());
    }

    @Test
    void vttVoiceTagsAndEntities() throws Exception {
        Transcript t = corpus("podcastindex-examples/transcript-example.vtt");
        assertTrue(t.plainText().contains("Podcasting Q&A"));
        assertEquals("Gillian", t.segments().get(t.segments().size() - 1).speaker());
    }

    @Test
    void whisperRepeatLoopIsDroppedButRealSpeechKept() throws Exception {
        for (String f : new String[] {"talkpython/545-owasp-top-10-transcript-final.txt",
                "talkpython/545-owasp-top-10-transcript-final.vtt"}) {
            Transcript t = corpus(f);
            assertFalse(t.plainText().contains("Би Би Би"), f);
            assertTrue(t.plainText().endsWith("Thank you."), f);
            assertTrue(t.durationSeconds() > 3900, f + ": the whole hour is there");
        }
    }

    @Test
    void markdownConventions() throws Exception {
        Transcript pai = corpus("changelog/practical-ai-300.md");
        Segment first = pai.segments().get(0);
        assertEquals("Daniel Whitenack", first.speaker());
        assertFalse(pai.plainText().contains("\\["), "markdown escapes removed");
        assertTrue(pai.plainText().contains("Welcome to another episode"));
        Transcript chaincode = corpus("bitcointranscripts/chaincode-podcast_privacy-and-robustness-in-lightning.md");
        assertEquals("Rusty Russell", chaincode.segments().get(0).speaker());
        assertFalse(chaincode.plainText().contains("transcript_by"), "front matter skipped");
        assertTrue(chaincode.segments().stream().anyMatch(s -> s.start() == 27.0 && "Mark Erhardt".equals(s.speaker())));
    }

    @Test
    void timesNeverGoBackwards() throws Exception {
        for (String f : new String[] {"changelog/practical-ai-300.md", "conduit/101-systems-check-spring-2025.md",
                "practicalai/practical-ai-280.md"}) {
            Transcript t = corpus(f);
            double last = -1;
            for (Segment s : t.segments()) {
                assertTrue(s.start() >= last, f + ": time went backwards at " + s);
                last = s.start();
            }
        }
    }

    @Test
    void badInputGivesClearErrors() {
        assertTrue(assertThrows(TranscriptException.class, () -> parser.parse("  ", "text/vtt")).getMessage()
                .contains("empty"));
        assertTrue(assertThrows(TranscriptException.class, () -> parser.parse("\u0000\u0001ID3\u0000", "audio/mpeg"))
                .getMessage().contains("unknown transcript format"));
        assertTrue(assertThrows(TranscriptException.class, () -> parser.parse("{\"nope\": 1}", null)).getMessage()
                .contains("segments"));
        assertTrue(assertThrows(TranscriptException.class, () -> parser.parse("WEBVTT\n\n", "text/vtt")).getMessage()
                .contains("no spoken text"));
    }

    @Test
    void interleavedTimeAndSpeakerPrefixes() throws Exception {
        Transcript t = parser.parse("[00:00] Jess Morgan: Hello there everyone.\n\n[00:06] Sam Ito: Hi Jess.\n", "x.md");
        assertEquals("Jess Morgan", t.segments().get(0).speaker());
        assertEquals("Sam Ito", t.segments().get(1).speaker());
        assertEquals(6.0, t.segments().get(1).start());
    }

    @Test
    void transcriberNotesAreNotSpeech() throws Exception {
        Transcript t = parser.parse("**Ann:** Some are testing on \\[unintelligible 00:33:58.25\\] but [laughter] most are not.",
                "x.md");
        assertEquals("Some are testing on but most are not.", t.plainText());
    }
}

package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.Segment;
import dev.podsift.support.Corpus;
import dev.podsift.support.Wer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded recogniser on real speech from the corpus and on our spoken-paragraph fixture. */
class SpeechRecognitionTest {
    private static String text(Transcriber.Result r) {
        return r.transcript().plainText();
    }

    private static String reference(String name) throws Exception {
        return Files.readString(Corpus.file("audio/" + name)).strip();
    }

    @Test
    void jfkIsRecognisedWithinTenPercentWordErrors() throws Exception {
        Transcriber.Result r = Speech.transcriber(2, 60).transcribe(Corpus.file("audio/whisper__jfk.flac"), (a, b) -> { });
        double wer = Wer.rate(reference("whisper__jfk.ref.txt"), text(r));
        System.out.printf("JFK WER %.3f: %s%n", wer, text(r));
        assertTrue(wer <= 0.10, "WER " + wer + " for: " + text(r));
        assertEquals(11.0, r.audioSeconds(), 0.1);
    }

    @Test
    void oneTwoThreeIsExact() throws Exception {
        Transcriber.Result r = Speech.transcriber(1, 60).transcribe(Corpus.file("audio/speech_recognition__english.wav"),
                (a, b) -> { });
        assertEquals(Wer.words(reference("speech_recognition__english.ref.txt")), Wer.words(text(r)));
    }

    @Test
    void spokenParagraphIsReadableSentencesWithTimes() throws Exception {
        Transcriber.Result r = Speech.transcriber(2, 20).transcribe(Speech.fixture("speech.opus"), (a, b) -> { });
        String ref = Files.readString(Speech.fixture("speech.txt"));
        double wer = Wer.rate(ref, text(r));
        System.out.printf("espeak paragraph WER %.3f over %d words%n", wer, Wer.words(ref).size());
        assertTrue(wer <= 0.25, "WER " + wer + ": " + text(r));
        List<Segment> s = r.transcript().segments();
        assertTrue(s.size() >= 5, "sentences: " + s);
        double last = -1;
        for (Segment seg : s) {
            assertTrue(Character.isUpperCase(seg.text().charAt(0)), seg.text());
            assertTrue(seg.text().endsWith(".") || seg.text().endsWith("?"), seg.text());
            assertTrue(seg.start() >= last && seg.end() >= seg.start(), "times run forward: " + seg);
            last = seg.start();
        }
        assertTrue(s.get(s.size() - 1).end() <= r.audioSeconds() + 0.1);
        assertTrue(s.get(s.size() - 1).end() > r.audioSeconds() - 5, "speech goes on to the end");
    }
}

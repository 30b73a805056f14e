package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.support.Wer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long episode cut at pauses, recognised in parallel and stitched back, says what one uncut recogniser says: no
 * words lost or doubled at the borders, times in order and in the right place.
 */
class ChunkingTest {
    @TempDir
    Path dir;

    /** The spoken paragraph {@code copies} times with pauses of 1.0–1.9 s between: about a minute each. */
    static Path longEpisode(Path dir, int copies) throws Exception {
        byte[] pcm;
        try (Ffmpeg.Pcm p = Speech.ffmpeg().decode(Speech.fixture("speech.opus"))) {
            pcm = p.stream().readAllBytes();
            p.finish();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < copies; i++) {
            body.write(pcm);
            body.write(new byte[Ffmpeg.BYTES_PER_SECOND * (10 + i % 10) / 10]);
        }
        Path f = dir.resolve("long.wav");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write(Wav.header(body.size()));
            body.writeTo(out);
        }
        return f;
    }

    @Test
    void chunkedParallelRunMatchesOneUncutRun() throws Exception {
        Path audio = longEpisode(dir, 11);
        List<double[]> progress = new ArrayList<>();
        Transcriber.Result single = Speech.transcriber(1, 60).transcribe(audio, (a, b) -> { });
        Transcriber.Result chunked = Speech.transcriber(2, 60).transcribe(audio,
                (done, total) -> progress.add(new double[] {done, total}));
        assertTrue(chunked.audioSeconds() > 600, "a 10+ minute file: " + chunked.audioSeconds());
        assertEquals(single.audioSeconds(), chunked.audioSeconds(), 0.001);

        List<String> a = Wer.words(single.transcript().plainText());
        List<String> b = Wer.words(chunked.transcript().plainText());
        String ref = Files.readString(Speech.fixture("speech.txt")).repeat(11);
        double werSingle = Wer.rate(ref, single.transcript().plainText());
        double werChunked = Wer.rate(ref, chunked.transcript().plainText());
        System.out.printf("uncut %d words (WER %.4f), chunked %d words (WER %.4f), reference %d words%n", a.size(),
                werSingle, b.size(), werChunked, Wer.words(ref).size());
        // Vosk adapts to the speaker as it goes, so an uncut run and fresh recognisers per piece differ in places;
        // what must hold is that cutting loses or doubles nothing and costs no accuracy
        assertTrue(Math.abs(a.size() - b.size()) <= a.size() / 100, "word counts " + a.size() + " vs " + b.size());
        assertTrue(werChunked <= werSingle + 0.02, "chunked WER " + werChunked + " vs uncut " + werSingle);

        double last = -1;
        for (Word w : chunked.words()) {
            assertTrue(w.start() >= last, "times run forward at " + w);
            assertTrue(w.end() >= w.start() && w.end() <= chunked.audioSeconds() + 0.05, w.toString());
            last = w.start();
        }
        // the words both runs heard must sit at the same second: stitching offsets are right
        List<String> sw = single.words().stream().map(Word::text).toList();
        List<String> cw = chunked.words().stream().map(Word::text).toList();
        int compared = 0;
        int off = 0;
        for (int[] m : Wer.matches(sw, cw)) {
            compared++;
            if (Math.abs(single.words().get(m[0]).start() - chunked.words().get(m[1]).start()) > 0.3) {
                off++;
            }
        }
        assertTrue(off <= compared / 100, off + " of " + compared + " shared words are more than 0.3 s apart");
        assertTrue(compared > 50, "compared " + compared + " words' times");
        assertTrue(progress.size() >= 10, "one progress report per piece at least");
        assertEquals(chunked.audioSeconds(), progress.get(progress.size() - 1)[0], 0.01);
    }
}

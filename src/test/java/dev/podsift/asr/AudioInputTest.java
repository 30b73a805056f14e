package dev.podsift.asr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.support.Wer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Decoding: every common podcast format, stereo, silence, and broken files that must fail clearly. */
class AudioInputTest {
    @TempDir
    static Path dir;
    static Path wav;

    @BeforeAll
    static void makeWav() throws Exception {
        // the fixture as 44.1 kHz stereo WAV: the source every other format is encoded from, by the decoder itself
        wav = dir.resolve("source.wav");
        Speech.ffmpeg().run(List.of("-i", Speech.fixture("speech.opus").toString(), "-ac", "2", "-ar", "44100",
                wav.toString()));
    }

    @ParameterizedTest
    @CsvSource({"mp3,libmp3lame,-b:a,64k", "m4a,aac,-b:a,64k", "ogg,libopus,-b:a,32k", "oga,libvorbis,-q:a,3",
            "flac,flac,-compression_level,5", "wav,pcm_s16le,-ar,22050"})
    void eachFormatDecodesToTheSameSpeech(String ext, String codec, String opt, String value) throws Exception {
        Path f = dir.resolve("speech." + ext);
        Speech.ffmpeg().run(List.of("-i", wav.toString(), "-c:a", codec, opt, value, f.toString()));
        Transcriber.Result r = Speech.transcriber(2, 30).transcribe(f, (a, b) -> { });
        assertEquals(secondsOf(wav), r.audioSeconds(), 0.15, ext + " decodes to the full length");
        double wer = Wer.rate(Files.readString(Speech.fixture("speech.txt")), r.transcript().plainText());
        // the synthetic voice measures 0.15–0.26 across runs and formats (Vosk's search caches carry over between
        // parallel pieces, so runs differ by a word or two); a broken decode gives 0.9 and more
        assertTrue(wer <= 0.30, ext + ": WER " + wer);
    }

    @Test
    void silenceGivesAnEmptyTranscript() throws Exception {
        Path silence = dir.resolve("silence.wav");
        Speech.ffmpeg().run(List.of("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "30", silence.toString()));
        Transcriber.Result r = Speech.transcriber(2, 10).transcribe(silence, (a, b) -> { });
        assertTrue(r.transcript().isEmpty(), "silence gave: " + r.transcript().plainText());
        assertEquals(30.0, r.audioSeconds(), 0.1);
    }

    @Test
    void tonesAndNoiseGiveNoInventedWords() throws Exception {
        Path music = dir.resolve("music.wav");
        Speech.ffmpeg().run(List.of("-f", "lavfi", "-i", "sine=f=220:d=40", "-f", "lavfi", "-i", "sine=f=330:d=40",
                "-f", "lavfi", "-i", "anoisesrc=d=40:a=0.05:c=pink", "-filter_complex",
                "[0][1][2]amix=inputs=3,tremolo=f=2:d=0.7", "-ar", "44100", "-ac", "2", music.toString()));
        Transcriber.Result r = Speech.transcriber(2, 20).transcribe(music, (a, b) -> { });
        assertTrue(r.words().size() <= 2, "music gave: " + r.transcript().plainText());
    }

    @Test
    void truncatedMp3IsAnErrorNotAShortTranscript() throws Exception {
        Path mp3 = dir.resolve("full.mp3");
        Speech.ffmpeg().run(List.of("-i", wav.toString(), "-c:a", "libmp3lame", "-b:a", "64k", mp3.toString()));
        byte[] all = Files.readAllBytes(mp3);
        Path cut = dir.resolve("cut.mp3");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        AsrException e = assertThrows(AsrException.class,
                () -> Speech.transcriber(2, 30).transcribe(cut, (a, b) -> { }));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void htmlPosingAsAudioIsAClearError() throws Exception {
        Path html = dir.resolve("episode.mp3");
        Files.writeString(html, "<!DOCTYPE html><html><body>Sorry, this episode moved.</body></html>");
        AsrException e = assertThrows(AsrException.class,
                () -> Speech.transcriber(2, 30).transcribe(html, (a, b) -> { }));
        assertTrue(e.getMessage().startsWith("cannot decode episode.mp3 as audio: "), e.getMessage());
    }

    @Test
    void aPlaylistCannotMakeTheDecoderOpenOtherFiles() throws Exception {
        Path m3u = dir.resolve("sneaky.mp3");
        Files.writeString(m3u, "#EXTM3U\n#EXTINF:10,\nfile://" + wav.toAbsolutePath() + "\n");
        assertThrows(AsrException.class, () -> Speech.transcriber(1, 30).transcribe(m3u, (a, b) -> { }));
    }

    @Test
    void tooLongAudioIsRefusedBeforeRecognition() throws Exception {
        Transcriber t = new Transcriber(Speech.ffmpeg(), Speech.engine(), 2, 30, 20);
        AsrException e = assertThrows(AsrException.class, () -> t.transcribe(wav, (a, b) -> { }));
        assertTrue(e.getMessage().contains("PODSIFT_MAX_AUDIO_MINUTES"), e.getMessage());
    }

    private static double secondsOf(Path wavFile) throws Exception {
        return (Files.size(wavFile) - 78) / (44100.0 * 4); // 16-bit stereo after the header ffmpeg writes
    }
}

package dev.podsift.cli;

import dev.podsift.app.Progress;
import dev.podsift.app.TerminalText;
import dev.podsift.asr.AsrException;
import dev.podsift.asr.SpeechService;
import dev.podsift.asr.Transcriber;
import dev.podsift.config.Config;
import dev.podsift.transcript.TranscriptWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code podsift transcribe}: audio file or URL → timed transcript, with the configured recogniser. */
@Command(name = "transcribe", mixinStandardHelpOptions = true,
        description = {"Turns an audio file or URL (MP3, M4A/AAC, Ogg/Opus, FLAC, WAV…) into a timed transcript.",
                "Uses the embedded Vosk recogniser (PODSIFT_ASR=vosk, the default) or an OpenAI-compatible "
                        + "service (PODSIFT_ASR=remote); 'podsift config' shows the settings."})
public final class TranscribeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|URL", description = "the audio")
    String source;
    @Option(names = "--format", defaultValue = "txt",
            description = "txt (a sentence a line), vtt, srt or json (Podcasting 2.0, with word times) "
                    + "(default: ${DEFAULT-VALUE})")
    TranscriptWriter.Format format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;
    @Mixin
    AppOptions options;

    @Override
    public Integer call() {
        Config config = options.config();
        if (!config.asr().enabled()) {
            System.err.println("podsift: speech recognition is off (PODSIFT_ASR=off); set PODSIFT_ASR=vosk or remote");
            return 2;
        }
        Clock clock = Clock.systemUTC();
        Progress progress = Progress.forStderr(clock);
        String name = source.replaceAll("[?#].*$", "").replaceAll("^.*[/\\\\]", "");
        long started = clock.millis();
        Transcriber.Result r;
        try (SpeechService speech = AppOptions.speech(config)) {
            String label = "transcribing " + name;
            r = speech.transcribe(source, "transcribe-" + ProcessHandle.current().pid() + ".audio",
                    (done, total) -> progress.audio(label, done, total));
            progress.finish();
        } catch (AsrException e) {
            progress.finish();
            System.err.println("podsift: " + source + ": " + e.getMessage());
            return 1;
        }
        double wall = (clock.millis() - started) / 1000.0;
        String text = new TranscriptWriter().write(r.transcript(), r.words(), format);
        if (output != null) {
            try {
                Files.writeString(output, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("podsift: cannot write " + output + ": " + e.getMessage());
                return 1;
            }
        } else {
            System.out.print(format == TranscriptWriter.Format.JSON ? text : TerminalText.lines(text)); // JSON escapes its own
            System.out.flush();
        }
        System.err.printf(java.util.Locale.ROOT, "%s of audio → %d sentence(s) in %.1f s (%.1f× real time) with %s%n",
                Transcriber.clock(r.audioSeconds()), r.transcript().segments().size(), wall,
                r.audioSeconds() / Math.max(0.001, wall), r.source());
        return 0;
    }
}

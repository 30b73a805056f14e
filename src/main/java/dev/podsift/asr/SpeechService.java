package dev.podsift.asr;

import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Audio file or URL → transcript, with the engine the settings name. Downloads go to {@code PODSIFT_DATA/audio}
 * under a temporary name and are deleted once recognised. The engine (and for Vosk the model, about a second to
 * load) starts on first use and is shared by every episode of the run.
 */
public final class SpeechService implements AutoCloseable {
    private final AsrSettings settings;
    private final Path dataDir;
    private final Fetcher fetcher;
    private final Duration timeout;
    private SpeechEngine engine;
    private Transcriber transcriber;

    public SpeechService(AsrSettings settings, Path dataDir, Fetcher fetcher, Duration timeout) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.fetcher = fetcher;
        this.timeout = timeout;
    }

    public AsrSettings settings() {
        return settings;
    }

    /** The transcriber, started on first call. */
    public synchronized Transcriber transcriber() throws AsrException {
        if (!settings.enabled()) {
            throw new AsrException("speech recognition is off (PODSIFT_ASR=off)");
        }
        if (transcriber == null) {
            Ffmpeg ffmpeg = Ffmpeg.locate(settings.ffmpeg(), dataDir);
            engine = settings.engine().equals("remote")
                    ? new RemoteEngine(settings.baseUrl(), settings.apiKey(), settings.model(),
                    settings.maxUploadBytes(), timeout.multipliedBy(10))
                    : new VoskEngine(VoskModels.resolve(settings.voskModel(), dataDir), settings.threads());
            transcriber = new Transcriber(ffmpeg, engine, settings.threads(), settings.chunkSeconds(),
                    settings.maxAudioMinutes() * 60.0);
        }
        return transcriber;
    }

    /** Fetches (if a URL) and recognises {@code ref}; {@code name} names the download. */
    public Transcriber.Result transcribe(String ref, String name, Transcriber.Listener listener) throws AsrException {
        Transcriber t = transcriber();
        Fetcher.Download d;
        try {
            d = fetcher.download(ref, dataDir.resolve("audio"), name, settings.maxAudioBytes());
        } catch (FeedException e) {
            throw new AsrException("cannot get the audio: " + e.getMessage(), e);
        }
        try {
            return t.transcribe(d.file(), listener);
        } finally {
            if (d.temporary()) {
                try {
                    Files.deleteIfExists(d.file());
                } catch (IOException ignored) {
                    // left in PODSIFT_DATA/audio; the next download of this episode replaces it
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
            transcriber = null;
        }
    }
}

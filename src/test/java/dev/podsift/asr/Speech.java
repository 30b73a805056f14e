package dev.podsift.asr;

import java.nio.file.Path;

/** One Vosk engine and ffmpeg for all speech tests in a JVM (the model takes a second to load). */
final class Speech {
    static final Path DATA = Path.of("target", "asr-test-data");
    private static VoskEngine engine;
    private static Ffmpeg ffmpeg;

    private Speech() {
    }

    static synchronized VoskEngine engine() throws AsrException {
        if (engine == null) {
            engine = new VoskEngine(VoskModels.resolve(null, DATA), 2);
        }
        return engine;
    }

    static synchronized Ffmpeg ffmpeg() throws AsrException {
        if (ffmpeg == null) {
            ffmpeg = Ffmpeg.locate(null, DATA);
        }
        return ffmpeg;
    }

    static Transcriber transcriber(int threads, double chunkSeconds) throws AsrException {
        return new Transcriber(ffmpeg(), engine(), threads, chunkSeconds, 5 * 3600);
    }

    static Path fixture(String name) {
        return Path.of("src", "test", "resources", "audio", name);
    }
}

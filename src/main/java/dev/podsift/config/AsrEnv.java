package dev.podsift.config;

import dev.podsift.asr.AsrSettings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/** Reads and checks the speech recognition settings ({@code PODSIFT_ASR_*} and the audio caps). */
final class AsrEnv {
    private AsrEnv() {
    }

    /** Reads the settings through {@code get}, which returns a variable's value or its default. */
    static AsrSettings read(Function<String, String> get) {
        String engine = get.apply("PODSIFT_ASR").toLowerCase(Locale.ROOT);
        if (!engine.matches("vosk|remote|off")) {
            throw new IllegalArgumentException("PODSIFT_ASR must be vosk, remote or off (got '" + engine + "')");
        }
        String model = get.apply("PODSIFT_VOSK_MODEL");
        String threads = get.apply("PODSIFT_ASR_THREADS");
        int cores = Runtime.getRuntime().availableProcessors();
        String base = get.apply("PODSIFT_ASR_BASE_URL");
        if (engine.equals("remote") && !(base.startsWith("http://") || base.startsWith("https://"))) {
            throw new IllegalArgumentException("PODSIFT_ASR_BASE_URL must be an http(s) URL (got '" + base + "')");
        }
        long upload = positive(get, "PODSIFT_ASR_MAX_UPLOAD_BYTES");
        if (upload < 1_000_000) {
            throw new IllegalArgumentException("PODSIFT_ASR_MAX_UPLOAD_BYTES must be at least 1000000 (got " + upload + ")");
        }
        return new AsrSettings(engine, model.isEmpty() ? null : Path.of(model),
                threads.isEmpty() ? cores : (int) positive(get, "PODSIFT_ASR_THREADS"),
                (int) positive(get, "PODSIFT_ASR_CHUNK_SECONDS"), base.replaceAll("/+$", ""),
                get.apply("PODSIFT_ASR_API_KEY"), get.apply("PODSIFT_ASR_MODEL"), upload,
                positive(get, "PODSIFT_MAX_AUDIO_BYTES"), (int) positive(get, "PODSIFT_MAX_AUDIO_MINUTES"),
                (int) positive(get, "PODSIFT_ASR_BUDGET_MINUTES"), get.apply("PODSIFT_FFMPEG"));
    }

    private static long positive(Function<String, String> get, String name) {
        return Config.positive(name, get.apply(name));
    }
}

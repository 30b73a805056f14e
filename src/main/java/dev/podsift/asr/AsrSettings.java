package dev.podsift.asr;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Speech recognition settings ({@code PODSIFT_ASR_*}, {@code PODSIFT_VOSK_MODEL}, {@code PODSIFT_FFMPEG},
 * {@code PODSIFT_MAX_AUDIO_*}). Defaults live in {@link dev.podsift.config.Config#SETTINGS}; this record only
 * checks and types them.
 *
 * @param engine        vosk (embedded, default), remote (an OpenAI-compatible /v1/audio/transcriptions) or off
 * @param voskModel     a Vosk model directory chosen by the user, or null for the bundled small English model
 * @param threads       recognisers run in parallel (one per core by default)
 * @param chunkSeconds  target length of the pieces a long episode is cut into, at silences
 */
public record AsrSettings(String engine, Path voskModel, int threads, int chunkSeconds, String baseUrl,
                          String apiKey, String model, long maxUploadBytes, long maxAudioBytes, int maxAudioMinutes,
                          int budgetMinutes, String ffmpeg) {

    public boolean enabled() {
        return !engine.equals("off");
    }

    /** Reads the settings through {@code get}, which returns a variable's value or its default. */
    public static AsrSettings from(Function<String, String> get) {
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
        return dev.podsift.config.Config.positive(name, get.apply(name));
    }
}

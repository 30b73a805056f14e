package dev.podsift.asr;

import java.nio.file.Path;

/**
 * Speech recognition settings ({@code PODSIFT_ASR_*}, {@code PODSIFT_VOSK_MODEL}, {@code PODSIFT_FFMPEG},
 * {@code PODSIFT_MAX_AUDIO_*}), read and checked from the environment by the config package.
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
}

package dev.podsift.llm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The optional "hero" model: which provider, where, which model, and the per-run budget. Read from
 * {@code PODSIFT_LLM_*}; with no provider Podsift uses the embedded workhorse alone. Provider {@code replay}
 * answers from recorded files ({@code PODSIFT_LLM_REPLAY_DIR}); {@code PODSIFT_LLM_RECORD_DIR} writes every request
 * (and any answer received) as files, with or without a provider, so it can be answered offline.
 */
public record LlmSettings(String provider, String baseUrl, String apiKey, String model, Duration timeout,
                          int maxCalls, int maxTokens, int shortList, int perEpisode, Path replayDir,
                          Path recordDir) {
    /** True when the hero tier runs: a provider is set, or requests are being recorded. */
    public boolean enabled() {
        return !provider.equals("none") || recordDir != null;
    }

    public static LlmSettings from(Map<String, String> env) {
        String provider = env.getOrDefault("PODSIFT_LLM_PROVIDER", "none").trim().toLowerCase(Locale.ROOT);
        if (provider.isEmpty()) {
            provider = "none";
        }
        if (!provider.matches("none|openai|anthropic|ollama|replay")) {
            throw new IllegalArgumentException("PODSIFT_LLM_PROVIDER must be none, openai, anthropic, ollama or replay "
                    + "(got '" + provider + "')");
        }
        Path replay = dir(env, "PODSIFT_LLM_REPLAY_DIR");
        if (provider.equals("replay") && (replay == null || !Files.isDirectory(replay))) {
            throw new IllegalArgumentException("provider replay needs PODSIFT_LLM_REPLAY_DIR: a folder of recorded "
                    + "requests and answers" + (replay == null ? "" : " ('" + replay + "' is not a folder)"));
        }
        String base = env.getOrDefault("PODSIFT_LLM_BASE_URL", switch (provider) {
            case "openai" -> "https://api.openai.com/v1";
            case "anthropic" -> "https://api.anthropic.com/v1";
            case "ollama" -> "http://localhost:11434";
            default -> "";
        });
        String model = env.getOrDefault("PODSIFT_LLM_MODEL", switch (provider) {
            case "openai" -> "gpt-4o-mini";
            case "anthropic" -> "claude-3-5-haiku-latest";
            case "ollama" -> "llama3.1";
            default -> RECORDED_MODEL;
        });
        String key = env.getOrDefault("PODSIFT_LLM_API_KEY", "");
        if ((provider.equals("anthropic")) && key.isBlank()) {
            throw new IllegalArgumentException("PODSIFT_LLM_API_KEY is required for provider " + provider);
        }
        return new LlmSettings(provider, base, key, model,
                Duration.ofSeconds(positive(env, "PODSIFT_LLM_TIMEOUT_SECONDS", 60)),
                positive(env, "PODSIFT_LLM_MAX_CALLS", 20), positive(env, "PODSIFT_LLM_MAX_TOKENS", 32000),
                positive(env, "PODSIFT_LLM_SHORT_LIST", 15), positive(env, "PODSIFT_LLM_PER_EPISODE", 8), replay, dir(env, "PODSIFT_LLM_RECORD_DIR"));
    }

    /** The model name requests are keyed by when no provider names one (recording alone, replay). */
    public static final String RECORDED_MODEL = "hero";

    private static Path dir(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : Path.of(v.trim());
    }

    private static int positive(Map<String, String> env, String name, int dflt) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a positive whole number (got '" + v + "')");
        }
    }
}

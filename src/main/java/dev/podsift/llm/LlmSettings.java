package dev.podsift.llm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The optional "hero" model: which provider, where, which model, and the per-run budget. Read from
 * {@code PODSIFT_LLM_*}; with no provider Podsift uses the embedded workhorse alone.
 */
public record LlmSettings(String provider, String baseUrl, String apiKey, String model, Duration timeout,
                          int maxCalls, int maxTokens, int shortList) {
    public boolean enabled() {
        return !provider.equals("none");
    }

    public static LlmSettings from(Map<String, String> env) {
        String provider = env.getOrDefault("PODSIFT_LLM_PROVIDER", "none").trim().toLowerCase(Locale.ROOT);
        if (provider.isEmpty()) {
            provider = "none";
        }
        if (!provider.matches("none|openai|anthropic|ollama")) {
            throw new IllegalArgumentException("PODSIFT_LLM_PROVIDER must be none, openai, anthropic or ollama (got '"
                    + provider + "')");
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
            default -> "";
        });
        String key = env.getOrDefault("PODSIFT_LLM_API_KEY", "");
        if ((provider.equals("anthropic")) && key.isBlank()) {
            throw new IllegalArgumentException("PODSIFT_LLM_API_KEY is required for provider " + provider);
        }
        return new LlmSettings(provider, base, key, model,
                Duration.ofSeconds(positive(env, "PODSIFT_LLM_TIMEOUT_SECONDS", 60)),
                positive(env, "PODSIFT_LLM_MAX_CALLS", 20), positive(env, "PODSIFT_LLM_MAX_TOKENS", 30000),
                positive(env, "PODSIFT_LLM_SHORT_LIST", 15));
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

package dev.podsift.llm;

/** Builds the hero's client from its settings: the provider, replay, and recording around either. */
public final class LlmClients {
    private LlmClients() {
    }

    /** The client for {@code s}; requires {@link LlmSettings#enabled()}. */
    public static LlmClient of(LlmSettings s) {
        LlmClient provider = switch (s.provider()) {
            case "none" -> null;
            case "ollama" -> new OllamaClient(s);
            case "replay" -> new ReplayClient(new RecordedRequests(s.replayDir()), s.model());
            default -> new LangchainChatClient(s);
        };
        if (s.recordDir() == null) {
            if (provider == null) {
                throw new IllegalStateException("no hero model configured");
            }
            return provider;
        }
        return new RecordingClient(new RecordedRequests(s.recordDir()), s.model(), provider);
    }
}

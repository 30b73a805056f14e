package dev.podsift.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * OpenAI-compatible endpoints (OpenAI, vLLM, llama.cpp server, OpenRouter, Ollama's /v1) and Anthropic, through
 * langchain4j. Retries are off: the caller's budget decides what to do after a failure.
 */
public final class LangchainChatClient implements LlmClient {
    private final ChatModel model;
    private final String description;

    public LangchainChatClient(LlmSettings s) {
        this.description = s.provider() + ":" + s.model();
        this.model = switch (s.provider()) {
            case "openai" -> OpenAiChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey().isBlank() ? "none" : s.apiKey())
                    .modelName(s.model()).timeout(s.timeout()).maxRetries(0).temperature(0.2).build();
            case "anthropic" -> AnthropicChatModel.builder().baseUrl(s.baseUrl()).apiKey(s.apiKey())
                    .modelName(s.model()).timeout(s.timeout()).maxRetries(0).maxTokens(1024).temperature(0.2).build();
            default -> throw new IllegalArgumentException("not a langchain4j provider: " + s.provider());
        };
    }

    @Override
    public LlmReply chat(String system, String user) throws LlmException {
        try {
            ChatResponse r = model.chat(SystemMessage.from(system), UserMessage.from(user));
            TokenUsage u = r.tokenUsage();
            return new LlmReply(r.aiMessage().text(), u == null || u.inputTokenCount() == null ? 0 : u.inputTokenCount(),
                    u == null || u.outputTokenCount() == null ? 0 : u.outputTokenCount());
        } catch (RuntimeException e) {
            String kind = e.getClass().getSimpleName();
            String msg = e.getMessage() == null ? kind : e.getMessage();
            boolean limited = kind.contains("RateLimit") || msg.contains("429");
            throw new LlmException(description + ": " + (limited ? "rate limited: " : "") + firstLine(msg), limited, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public String describe() {
        return description;
    }
}

package dev.podsift.llm;

/** What a model answered, and what it cost in tokens. */
public record LlmReply(String text, int inputTokens, int outputTokens) {
}

package dev.podsift.llm;

/** One chat call to a large language model: a system instruction and a user message in, text out. */
public interface LlmClient {
    LlmReply chat(String system, String user) throws LlmException;

    /** Provider and model, for cache keys and log lines. */
    String describe();
}

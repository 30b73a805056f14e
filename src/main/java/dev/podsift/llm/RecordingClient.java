package dev.podsift.llm;

import java.io.IOException;

/**
 * Writes every hero request to a folder ({@link RecordedRequests}) before it is sent, and the provider's answer
 * after, so requests can be answered offline and every answer is kept as data. Without a provider the request is
 * only written, and the call fails as a provider failure would: the digest keeps the workhorse text.
 */
public final class RecordingClient implements LlmClient {
    private final RecordedRequests folder;
    private final String model;
    private final LlmClient provider;

    /** {@code provider} may be null: record only. */
    public RecordingClient(RecordedRequests folder, String model, LlmClient provider) {
        this.folder = folder;
        this.model = model;
        this.provider = provider;
    }

    @Override
    public LlmReply chat(String system, String user) throws LlmException {
        String key;
        try {
            key = folder.writeRequest(model, system, user);
        } catch (IOException e) {
            throw new LlmException("cannot record the request: " + e.getMessage(), false, e);
        }
        if (provider == null) {
            throw new LlmException("recorded " + folder.requestFile(key) + " (no provider to answer it now)", false,
                    null);
        }
        LlmReply reply = provider.chat(system, user);
        try {
            folder.writeAnswer(key, reply, provider.describe());
        } catch (IOException e) {
            throw new LlmException("cannot record the answer: " + e.getMessage(), false, e);
        }
        return reply;
    }

    @Override
    public String describe() {
        return provider == null ? "record:" + model : provider.describe();
    }
}

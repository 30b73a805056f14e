package dev.podsift.llm;

import java.io.IOException;

/**
 * The {@code replay} provider: answers each request from a folder of recorded answers ({@link RecordedRequests}),
 * so the hero tier can be evaluated offline on answers a real model (or a person) wrote. A request with no answer
 * is an error naming the request file, which is written if it is not there yet.
 */
public final class ReplayClient implements LlmClient {
    private final RecordedRequests folder;
    private final String model;

    public ReplayClient(RecordedRequests folder, String model) {
        this.folder = folder;
        this.model = model;
    }

    @Override
    public LlmReply chat(String system, String user) throws LlmException {
        try {
            String key = folder.writeRequest(model, system, user);
            LlmReply reply = folder.answer(key);
            if (reply == null) {
                throw new LlmException("no recorded answer for " + folder.requestFile(key) + " (write its answer to "
                        + folder.answerFile(key).getFileName() + ")", false, null);
            }
            return reply;
        } catch (IOException e) {
            throw new LlmException("replay folder: " + e.getMessage(), false, e);
        }
    }

    @Override
    public String describe() {
        return "replay:" + model;
    }
}

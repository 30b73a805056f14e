package dev.podsift.llm;

import java.io.IOException;

/**
 * The {@code replay} provider: answers each request from a folder of recorded answers ({@link RecordedRequests}),
 * so the hero tier can be evaluated offline on answers a real model (or a person) wrote. A request with no answer
 * is an error naming the request file, which is written if it is not there yet. An answer that does not say
 * what it cost is counted at about 4 characters a token, so the run's token budget applies as it would live.
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
            if (reply.inputTokens() == 0 && reply.outputTokens() == 0) {
                // an answer written offline rarely says what it cost; estimate, so budgets work as they would live
                return new LlmReply(reply.text(), estimate(system.length() + user.length()), estimate(reply.text().length()));
            }
            return reply;
        } catch (IOException e) {
            throw new LlmException("replay folder: " + e.getMessage(), false, e);
        }
    }

    /** Tokens in {@code chars} characters of English: about 4 characters a token for OpenAI's and Anthropic's tokenizers. */
    public static int estimate(int chars) {
        return (chars + 3) / 4;
    }

    @Override
    public String describe() {
        return "replay:" + model;
    }
}

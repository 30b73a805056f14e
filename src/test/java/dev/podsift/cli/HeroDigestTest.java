package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.support.LocalHttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole digest with the hero tier configured: when the model fails, the digest still goes out and says so. */
class HeroDigestTest {
    @TempDir
    Path tmp;


    private SampleDigest digest(LocalHttpServer llm) throws Exception {
        return SampleDigest.run(tmp, Map.of("PODSIFT_LLM_PROVIDER", "openai", "PODSIFT_LLM_BASE_URL", llm.url("/v1"),
                "PODSIFT_LLM_API_KEY", "k", "PODSIFT_LLM_MAX_CALLS", "3"));
    }

    @Test
    void failingModelLeavesTheWorkhorseDigestAndSaysSo() throws Exception {
        try (LocalHttpServer llm = new LocalHttpServer(null)) {
            llm.route("/v1/chat/completions", new LocalHttpServer.Route(500, "application/json",
                    "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}".getBytes(), 0));
            SampleDigest r = digest(llm);
            assertEquals(5, r.digest().get("insights").size());
            assertTrue(r.log().contains("hero openai:gpt-4o-mini: 3 call(s)"), r.log());
            assertTrue(r.log().matches("(?s).*[1-9][0-9]* failed.*"), r.log());
            assertTrue(r.log().contains("left as written for budget"), r.log());
            for (JsonNode i : r.digest().get("insights")) {
                assertTrue(i.get("text").asText().length() > 20);
            }
        }
    }

    @Test
    void malformedAnswersLeaveTheWorkhorseDigestAndSaySo() throws Exception {
        try (LocalHttpServer llm = new LocalHttpServer(null)) {
            String body = new ObjectMapper().writeValueAsString(Map.of("id", "c", "object", "chat.completion",
                    "created", 1, "model", "gpt-4o-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", "Candidate 2 is the best, I think."))),
                    "usage", Map.of("prompt_tokens", 100, "completion_tokens", 20, "total_tokens", 120)));
            llm.route("/v1/chat/completions", new LocalHttpServer.Route(200, "application/json", body.getBytes(), 0));
            SampleDigest r = digest(llm);
            assertEquals(5, r.digest().get("insights").size());
            assertTrue(r.log().contains("malformed answer"), r.log());
            assertTrue(r.log().contains("300+60 tokens"), "tokens are counted and logged: " + r.log());
        }
    }
}

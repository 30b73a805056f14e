package dev.podsift.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.store.Database;
import dev.podsift.store.LlmCacheStore;
import dev.podsift.support.LocalHttpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hero tier against a local server speaking the OpenAI chat-completions, Anthropic messages and Ollama chat
 * protocols as documented, including rate limits and answers that are not what was asked for.
 */
class HeroPolisherTest {
    private static final String QUOTE = "Small, frequent releases are safer than big ones because when something "
            + "breaks, you know exactly which change caused it.";
    private static final String WORKHORSE = "Small, frequent releases are safer than big ones.";
    private static MiniLmEmbedder embedder;
    private LocalHttpServer server;
    private Database db;
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        embedder = new MiniLmEmbedder();
    }

    @AfterAll
    static void unload() {
        embedder.close();
    }

    @BeforeEach
    void start() throws Exception {
        server = new LocalHttpServer(null);
        db = Database.sqlite(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        db.close();
    }

    private HeroPolisher polisher(String provider, int maxCalls) {
        Map<String, String> env = new HashMap<>();
        env.put("PODSIFT_LLM_PROVIDER", provider);
        env.put("PODSIFT_LLM_BASE_URL", server.url(provider.equals("ollama") ? "" : "/v1"));
        env.put("PODSIFT_LLM_API_KEY", "test-key");
        env.put("PODSIFT_LLM_MAX_CALLS", String.valueOf(maxCalls));
        env.put("PODSIFT_LLM_TIMEOUT_SECONDS", "5");
        LlmSettings s = LlmSettings.from(env);
        LlmClient client = provider.equals("ollama") ? new OllamaClient(s) : new LangchainChatClient(s);
        return new HeroPolisher(client, s, embedder, new LlmCacheStore(db, InstantSource.system()));
    }

    private static String insightJson(String insight, int score) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("insight", insight, "score", score));
    }

    private void openAiAnswers(String content) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "created", 1700000000, "model", "gpt-4o-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
        server.route("/v1/chat/completions", new LocalHttpServer.Route(200, "application/json",
                body.getBytes(StandardCharsets.UTF_8), 0));
    }

    @Test
    void openAiRewriteThatIsGroundedReplacesTheText() throws Exception {
        openAiAnswers(insightJson("Ship small, frequent releases: when something breaks, you know exactly which "
                + "change caused it, so fixing it is quick.", 8));
        HeroPolisher.Result r = polisher("openai", 5).polish(List.of(QUOTE), List.of(WORKHORSE));
        HeroPolisher.Polished p = r.items().get(0);
        assertEquals("rewritten", p.outcome());
        assertTrue(p.text().startsWith("Ship small"));
        assertEquals(8.0, p.judge());
        assertEquals(1, r.report().calls());
        assertEquals(120, r.report().inputTokens());
        assertEquals("Bearer test-key", server.lastHeaders.getFirst("Authorization"));
        var request = new ObjectMapper().readTree(server.lastBody);
        assertEquals("gpt-4o-mini", request.path("model").asText(), server.lastBody);
        assertEquals("system", request.path("messages").get(0).path("role").asText());
        assertTrue(request.path("messages").get(1).path("content").asText().contains(QUOTE));
    }

    @Test
    void aRewriteThatAddsFactsIsRejectedAndTheWorkhorseTextKept() throws Exception {
        openAiAnswers(insightJson("Small releases cut incidents by 40% at Google because you know which change broke.", 9));
        HeroPolisher.Result r = polisher("openai", 5).polish(List.of(QUOTE), List.of(WORKHORSE));
        HeroPolisher.Polished p = r.items().get(0);
        assertEquals(WORKHORSE, p.text());
        assertTrue(p.outcome().startsWith("rejected") && p.outcome().contains("40"), p.outcome());
        assertEquals(1, r.report().rejected());
    }

    @Test
    void anthropicMessagesProtocol() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("id", "msg_1", "type", "message", "role", "assistant",
                "model", "claude-3-5-haiku-latest", "stop_reason", "end_turn",
                "content", List.of(Map.of("type", "text", "text", "Here you go:\n" + insightJson(
                        "Small, frequent releases are safer: when something breaks, you know exactly which change did it.", 7))),
                "usage", Map.of("input_tokens", 90, "output_tokens", 30)));
        server.route("/v1/messages", new LocalHttpServer.Route(200, "application/json",
                body.getBytes(StandardCharsets.UTF_8), 0));
        HeroPolisher.Result r = polisher("anthropic", 5).polish(List.of(QUOTE), List.of(WORKHORSE));
        assertEquals("rewritten", r.items().get(0).outcome(), r.report().problems().toString());
        assertEquals("test-key", server.lastHeaders.getFirst("x-api-key"));
        assertTrue(server.lastHeaders.getFirst("anthropic-version") != null);
        assertEquals(90, r.report().inputTokens());
    }

    @Test
    void ollamaNativeProtocol() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("model", "llama3.1", "done", true,
                "message", Map.of("role", "assistant", "content", insightJson(
                        "Prefer small, frequent releases: when something breaks you know which change caused it.", 6)),
                "prompt_eval_count", 80, "eval_count", 25));
        server.route("/api/chat", new LocalHttpServer.Route(200, "application/json", body.getBytes(StandardCharsets.UTF_8), 0));
        HeroPolisher.Result r = polisher("ollama", 5).polish(List.of(QUOTE), List.of(WORKHORSE));
        assertEquals("rewritten", r.items().get(0).outcome());
        assertEquals(false, new ObjectMapper().readTree(server.lastBody).path("stream").asBoolean(true));
    }

    @Test
    void rateLimitKeepsTheWorkhorseTextAndStopsCalling() throws Exception {
        server.route("/v1/chat/completions", new LocalHttpServer.Route(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"
                        .getBytes(StandardCharsets.UTF_8), 0));
        HeroPolisher.Result r = polisher("openai", 5).polish(List.of(QUOTE, QUOTE + " Really."), List.of(WORKHORSE, WORKHORSE));
        assertEquals(WORKHORSE, r.items().get(0).text());
        assertEquals("error", r.items().get(0).outcome());
        assertEquals("budget", r.items().get(1).outcome(), "no second call after a rate limit");
        assertEquals(1, server.requests.get());
        assertTrue(r.report().problems().get(0).contains("rate limited"), r.report().problems().toString());
    }

    @Test
    void malformedAnswersAndServerErrorsFallBack() throws Exception {
        openAiAnswers("Sure! I think this is a great insight about releases.");
        HeroPolisher.Result r = polisher("openai", 5).polish(List.of(QUOTE), List.of(WORKHORSE));
        assertEquals("malformed", r.items().get(0).outcome());
        assertEquals(WORKHORSE, r.items().get(0).text());
        server.route("/v1/chat/completions", new LocalHttpServer.Route(200, "application/json",
                "{\"choices\": [ {\"message\": ".getBytes(StandardCharsets.UTF_8), 0));
        HeroPolisher.Result broken = polisher("openai", 5).polish(List.of(QUOTE + " Again."), List.of(WORKHORSE));
        assertEquals("error", broken.items().get(0).outcome());
        assertEquals(WORKHORSE, broken.items().get(0).text());
    }

    @Test
    void budgetAndCacheLimitWhatIsSpent() throws Exception {
        openAiAnswers(insightJson("Ship small, frequent releases: when something breaks you know which change caused it.", 8));
        List<String> quotes = List.of(QUOTE, QUOTE + " Two.", QUOTE + " Three.");
        HeroPolisher.Result first = polisher("openai", 1).polish(quotes, List.of(WORKHORSE, WORKHORSE, WORKHORSE));
        assertEquals(1, first.report().calls());
        assertEquals(2, first.report().skippedForBudget());
        HeroPolisher.Result again = polisher("openai", 1).polish(List.of(QUOTE), List.of(WORKHORSE));
        assertEquals(0, again.report().calls(), "the same request is answered from the cache");
        assertEquals(1, again.report().cached());
        assertEquals("cached", again.items().get(0).outcome());
        assertEquals(1, server.requests.get());
    }

    @Test
    void groundingRules() {
        GroundingCheck g = new GroundingCheck();
        assertEquals(null, g.problem("Keep releases small; you will know which change broke.", QUOTE));
        assertTrue(g.problem("The guest said releases should be small.", QUOTE).contains("speaker"));
        assertTrue(g.problem("Releases at Netflix should be small.", QUOTE).contains("Netflix"));
        assertTrue(g.problem("word ".repeat(71), QUOTE).contains("71 words"));
    }
}

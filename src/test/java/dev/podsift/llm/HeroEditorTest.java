package dev.podsift.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.insight.MiniLmEmbedder;
import dev.podsift.model.Segment;
import dev.podsift.model.Transcript;
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
 * The hero editor against a local server speaking the OpenAI chat-completions, Anthropic messages and Ollama chat
 * protocols as documented: what it is sent (the passage in its context), how its answer is grounded in the
 * transcript, and what happens on rate limits, budgets and answers that are not what was asked for.
 */
class HeroEditorTest {
    private static final String QUOTE = "Small, frequent releases are safer than big ones because when something "
            + "breaks, you know exactly which change caused it.";
    private static final String WORKHORSE = "Small, frequent releases are safer than big ones.";
    /** An episode: a question, the answer (the candidate's quote and a sentence after it), a change of subject. */
    private static final Transcript EPISODE = new Transcript(List.of(
            new Segment(0, 20, "Maya Chen", "Welcome back to Shipping Software. Today we talk about deploys."),
            new Segment(20, 30, "Maya Chen", "How often should a team ship?"),
            new Segment(30, 42, "Sam Ortiz", QUOTE),
            new Segment(42, 52, "Sam Ortiz", "We ship forty times a day at Acme, and rollbacks take minutes."),
            new Segment(52, 60, "Maya Chen", "Let's talk about hiring next.")));
    private static final String SPAN = "when something breaks, you know exactly which change caused it";
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

    private HeroEditor editor(String provider, int maxCalls) {
        Map<String, String> env = new HashMap<>();
        env.put("PODSIFT_LLM_PROVIDER", provider);
        env.put("PODSIFT_LLM_BASE_URL", server.url(provider.equals("ollama") ? "" : "/v1"));
        env.put("PODSIFT_LLM_API_KEY", "test-key");
        env.put("PODSIFT_LLM_MAX_CALLS", String.valueOf(maxCalls));
        env.put("PODSIFT_LLM_TIMEOUT_SECONDS", "5");
        LlmSettings s = LlmSettings.from(env);
        LlmClient client = provider.equals("ollama") ? new OllamaClient(s) : new LangchainChatClient(s);
        return new HeroEditor(client, s, embedder, new LlmCacheStore(db, InstantSource.system()));
    }

    private static HeroEditor.Batch batch(String quote) {
        return new HeroEditor.Batch(new HeroEditor.Episode("Shipping Software", "Deploy often",
                List.of("Sam Ortiz", "Maya Chen")), EPISODE, List.of(new HeroEditor.Candidate(7, WORKHORSE, quote, 30, 42)));
    }

    private static String answer(String insight, String span, int score) throws Exception {
        return new ObjectMapper().writeValueAsString(Map.of("candidates", List.of(Map.of("n", 1, "lesson", true,
                "insight", insight, "span", span, "score", score))));
    }

    private void openAiAnswers(String content) throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion",
                "created", 1700000000, "model", "gpt-4o-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
        server.route("/v1/chat/completions", new LocalHttpServer.Route(200, "application/json",
                body.getBytes(StandardCharsets.UTF_8), 0));
    }

    private HeroEditor.Edit only(HeroEditor.Result r) {
        assertEquals(1, r.edits().size(), r.edits().toString());
        return r.edits().values().iterator().next();
    }

    @Test
    void theEditorReadsThePassageInItsContextAndItsSpanBecomesTheQuote() throws Exception {
        openAiAnswers("```json\n" + answer("Ship small, frequent releases: when something breaks, you know exactly "
                + "which change caused it, so fixing it is quick.", "Small, frequent releases are safer than big ones "
                + "because when something breaks,  you know exactly which change caused it.", 8) + "\n```");
        HeroEditor.Result r = editor("openai", 5).edit(List.of(batch(QUOTE)));
        HeroEditor.Edit e = only(r);
        assertEquals("rewritten", e.outcome());
        assertTrue(e.text().startsWith("Ship small"));
        assertEquals(8.0, e.judge());
        assertEquals(QUOTE, e.quote(), "the quote is the transcript's own words, found again");
        assertTrue(e.startSeconds() >= 30 && e.startSeconds() < 31 && e.endSeconds() <= 42.01, e.toString());
        assertEquals(1, r.report().calls());
        assertEquals(1, r.report().rewritten());
        assertEquals(120, r.report().inputTokens());
        assertEquals("Bearer test-key", server.lastHeaders.getFirst("Authorization"));
        var request = new ObjectMapper().readTree(server.lastBody);
        assertEquals("gpt-4o-mini", request.path("model").asText(), server.lastBody);
        assertEquals("system", request.path("messages").get(0).path("role").asText());
        String user = request.path("messages").get(1).path("content").asText();
        assertTrue(user.contains("Show: Shipping Software") && user.contains("Episode: Deploy often")
                && user.contains("Speakers: Sam Ortiz, Maya Chen"), user);
        assertTrue(user.contains("How often should a team ship?\n>> [0:30] Sam Ortiz: "), "the question before it: " + user);
        assertTrue(user.contains(">> [0:30] Sam Ortiz: " + QUOTE), "the passage, marked: " + user);
        assertTrue(user.contains("Sam Ortiz: We ship forty times a day"), "what follows: " + user);
    }

    @Test
    void plantedFabricationsAreRejectedAndTheWorkhorseTextKept() throws Exception {
        // numbers and names said near the passage but not in the span, and ones said nowhere
        for (String fabricated : List.of("Small releases cut incidents by 40% because you know which change broke.",
                "At Google, small releases are safer: when something breaks you know which change caused it.",
                "Zorblax ships forty times a day; when something breaks, you know exactly which change caused it.")) {
            openAiAnswers(answer(fabricated, SPAN, 9));
            HeroEditor.Edit e = only(editor("openai", 5).edit(List.of(batch(QUOTE + " " + fabricated.length()))));
            assertEquals(WORKHORSE, e.text(), fabricated);
            assertTrue(e.outcome().startsWith("rejected"), e.outcome());
            assertEquals(9.0, e.judge(), "the judgement still counts: it is about the candidate");
        }
    }

    @Test
    void aSpanThatIsNotInTheTranscriptIsRejected() throws Exception {
        openAiAnswers(answer("Ship small releases so a failure points at one change.",
                "Ship small releases so a failure points at one change.", 7));
        HeroEditor.Edit e = only(editor("openai", 5).edit(List.of(batch(QUOTE))));
        assertEquals(WORKHORSE, e.text());
        assertEquals(QUOTE, e.quote());
        assertTrue(e.outcome().contains("not in the transcript"), e.outcome());
    }

    @Test
    void noLessonAndRepeatsAreLeftOutOfThePicks() throws Exception {
        String content = new ObjectMapper().writeValueAsString(Map.of("candidates", List.of(
                Map.of("n", 1, "lesson", true, "insight", "Ship small releases: when something breaks, you know "
                        + "exactly which change caused it.", "span", SPAN, "score", 8),
                Map.of("n", 2, "lesson", true, "insight", "Small releases tell you which change broke.", "span", SPAN,
                        "score", 6, "repeats", 1),
                Map.of("n", 3, "lesson", false, "score", 2))));
        openAiAnswers(content);
        HeroEditor.Result r = editor("openai", 5).edit(List.of(new HeroEditor.Batch(new HeroEditor.Episode("S", "E",
                List.of()), EPISODE, List.of(new HeroEditor.Candidate(1, WORKHORSE, QUOTE, 30, 42),
                new HeroEditor.Candidate(2, "Same point.", QUOTE, 30, 42),
                new HeroEditor.Candidate(3, "Welcome back.", "Welcome back to Shipping Software.", 0, 5)))));
        assertTrue(r.edits().get(1L).keep());
        assertEquals(1L, r.edits().get(2L).repeats());
        assertTrue(!r.edits().get(2L).keep());
        assertEquals("no lesson", r.edits().get(3L).outcome());
        assertTrue(!r.edits().get(3L).keep());
        assertTrue(r.edits().get(1L).rank(0.5) > r.edits().get(3L).rank(0.7), "the judgement outweighs the workhorse");
    }

    @Test
    void anthropicMessagesProtocol() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("id", "msg_1", "type", "message", "role", "assistant",
                "model", "claude-3-5-haiku-latest", "stop_reason", "end_turn",
                "content", List.of(Map.of("type", "text", "text", "Here you go:\n" + answer(
                        "Small, frequent releases are safer: when something breaks, you know exactly which change did it.",
                        SPAN, 7))),
                "usage", Map.of("input_tokens", 90, "output_tokens", 30)));
        server.route("/v1/messages", new LocalHttpServer.Route(200, "application/json",
                body.getBytes(StandardCharsets.UTF_8), 0));
        HeroEditor.Result r = editor("anthropic", 5).edit(List.of(batch(QUOTE)));
        assertEquals("rewritten", only(r).outcome(), r.report().problems().toString());
        assertEquals("test-key", server.lastHeaders.getFirst("x-api-key"));
        assertTrue(server.lastHeaders.getFirst("anthropic-version") != null);
        assertEquals(90, r.report().inputTokens());
    }

    @Test
    void ollamaNativeProtocol() throws Exception {
        String body = new ObjectMapper().writeValueAsString(Map.of("model", "llama3.1", "done", true,
                "message", Map.of("role", "assistant", "content", answer(
                        "Prefer small, frequent releases: when something breaks you know which change caused it.", SPAN, 6)),
                "prompt_eval_count", 80, "eval_count", 25));
        server.route("/api/chat", new LocalHttpServer.Route(200, "application/json", body.getBytes(StandardCharsets.UTF_8), 0));
        HeroEditor.Result r = editor("ollama", 5).edit(List.of(batch(QUOTE)));
        assertEquals("rewritten", only(r).outcome());
        assertEquals(false, new ObjectMapper().readTree(server.lastBody).path("stream").asBoolean(true));
    }

    @Test
    void rateLimitKeepsTheWorkhorseAndStopsCalling() throws Exception {
        server.route("/v1/chat/completions", new LocalHttpServer.Route(429, "application/json",
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"
                        .getBytes(StandardCharsets.UTF_8), 0));
        HeroEditor.Batch second = new HeroEditor.Batch(batch(QUOTE).episode(), EPISODE,
                List.of(new HeroEditor.Candidate(8, WORKHORSE, QUOTE, 30, 42)));
        HeroEditor.Result r = editor("openai", 5).edit(List.of(batch(QUOTE), second));
        assertEquals(WORKHORSE, r.edits().get(7L).text());
        assertEquals("error", r.edits().get(7L).outcome());
        assertTrue(!r.edits().get(7L).judged() && r.edits().get(7L).keep(), "unjudged items keep their place");
        assertEquals("budget", r.edits().get(8L).outcome(), "no second call after a rate limit");
        assertEquals(1, server.requests.get());
        assertTrue(r.report().problems().get(0).contains("rate limited"), r.report().problems().toString());
    }

    @Test
    void malformedAnswersAndServerErrorsFallBack() throws Exception {
        openAiAnswers("Sure! I think candidate 1 is a great insight about releases.");
        HeroEditor.Result r = editor("openai", 5).edit(List.of(batch(QUOTE)));
        assertEquals("malformed", only(r).outcome());
        assertEquals(WORKHORSE, only(r).text());
        assertEquals(1, r.report().failed());
        server.route("/v1/chat/completions", new LocalHttpServer.Route(200, "application/json",
                "{\"choices\": [ {\"message\": ".getBytes(StandardCharsets.UTF_8), 0));
        HeroEditor.Result broken = editor("openai", 5).edit(List.of(batch(QUOTE + " Again.")));
        assertEquals("error", only(broken).outcome());
        assertEquals(WORKHORSE, only(broken).text());
    }

    @Test
    void budgetAndCacheLimitWhatIsSpent() throws Exception {
        openAiAnswers(answer("Ship small, frequent releases: when something breaks you know which change caused it.",
                SPAN, 8));
        HeroEditor.Episode other = new HeroEditor.Episode("Shipping Software", "Deploy often, again", List.of());
        List<HeroEditor.Batch> three = List.of(batch(QUOTE), new HeroEditor.Batch(other, EPISODE,
                List.of(new HeroEditor.Candidate(8, WORKHORSE, QUOTE, 30, 42))), new HeroEditor.Batch(other, null,
                List.of(new HeroEditor.Candidate(9, WORKHORSE, QUOTE, 30, 42))));
        HeroEditor.Result first = editor("openai", 1).edit(three);
        assertEquals(1, first.report().calls());
        assertEquals(2, first.report().skippedForBudget(), "the later batches' candidates are left as they are");
        HeroEditor.Result again = editor("openai", 1).edit(List.of(batch(QUOTE)));
        assertEquals(0, again.report().calls(), "the same request is answered from the cache");
        assertEquals(1, again.report().cached());
        assertEquals("cached", only(again).outcome());
        assertEquals(1, server.requests.get());
    }

    @Test
    void theWindowMarksThePassageAndFindsSpansWhereTheyWereSaid() {
        TranscriptWindow w = new TranscriptWindow(EPISODE);
        String around = w.around(QUOTE.substring(0, 40), 30, 36, 5);
        assertTrue(around.startsWith("[0:20] Maya Chen: How often should a team ship?\n>> "), around);
        assertTrue(around.contains("\n>> [0:30] Sam Ortiz: " + QUOTE.substring(0, 40).trim() + "\n"), around);
        assertTrue(around.contains("Sam Ortiz: " + QUOTE.substring(40).trim()), "the rest of the turn follows: " + around);
        assertTrue(!around.contains("Welcome back"), "outside the window: " + around);
        var span = w.find("WE ship forty times a day at Acme, and rollbacks take minutes", 0, 60).orElseThrow();
        assertEquals(42.0, span.startSeconds(), 0.01);
        assertEquals("Sam Ortiz", span.speaker());
        assertTrue(w.find("\u201cwe ship forty times\u201d", 0, 60).isEmpty(), "quotation marks that were not said");
        assertTrue(w.find("We ship forty times a day", 0, 30).isEmpty(), "outside the seconds asked");
        assertEquals(List.of("Sam Ortiz", "Maya Chen"), w.speakers(4), "most words first");
    }

    @Test
    void groundingRules() {
        GroundingCheck g = new GroundingCheck();
        assertEquals(null, g.problem("Keep releases small; you will know which change broke.", QUOTE));
        assertTrue(g.problem("The guest said releases should be small.", QUOTE).contains("speaker"));
        assertTrue(g.problem("Releases at Netflix should be small.", QUOTE).contains("Netflix"));
        assertTrue(g.problem("word ".repeat(71), QUOTE).contains("71 words"));
        assertTrue(g.problem("Small AI releases are safer.", QUOTE).contains("AI"), "an acronym nobody said");
        assertEquals(null, g.problem("Small AI releases are safer.", QUOTE, "We talk about AI today."),
                "an acronym said around the quote names the subject");
        assertTrue(g.problem("Releases at Netflix should be small.", QUOTE, "Netflix ships daily.").contains("Netflix"),
                "a name must be in the quote itself");
        assertTrue(g.problem("OpenAI found that small releases are safer.", QUOTE).contains("OpenAI"));
        assertTrue(g.problem("Google's teams ship small releases.", QUOTE).contains("Google"));
        assertEquals(null, g.problem("Small releases are safer. Ship them often.", QUOTE), "ordinary sentence openers");
        assertTrue(g.problem("Small releases at Corp are safer.", "We incorporate small releases everywhere.")
                .contains("Corp"), "a name is a whole word of the quote");
        assertEquals(null, g.problem("Small releases at Acme Corp are safer.", "At Acme Corp we ship small releases."));
    }
}

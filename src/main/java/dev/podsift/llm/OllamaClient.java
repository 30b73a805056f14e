package dev.podsift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/** Ollama's native chat API ({@code POST /api/chat}, non-streaming). */
public final class OllamaClient implements LlmClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LlmSettings settings;
    private final HttpClient http;

    public OllamaClient(LlmSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public LlmReply chat(String system, String user) throws LlmException {
        try {
            String body = JSON.writeValueAsString(Map.of("model", settings.model(), "stream", false,
                    "messages", List.of(Map.of("role", "system", "content", system), Map.of("role", "user", "content", user)),
                    "options", Map.of("temperature", 0.2)));
            HttpRequest req = HttpRequest.newBuilder(URI.create(settings.baseUrl().replaceAll("/+$", "") + "/api/chat"))
                    .timeout(settings.timeout()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() == 429) {
                throw new LlmException(describe() + ": rate limited (HTTP 429)", true, null);
            }
            if (res.statusCode() >= 400) {
                throw new LlmException(describe() + ": HTTP " + res.statusCode() + ": " + abbreviate(res.body()), false, null);
            }
            JsonNode root = JSON.readTree(res.body());
            JsonNode content = root.path("message").path("content");
            if (!content.isTextual()) {
                throw new LlmException(describe() + ": answer without message.content", false, null);
            }
            return new LlmReply(content.asText(), root.path("prompt_eval_count").asInt(0), root.path("eval_count").asInt(0));
        } catch (IOException e) {
            throw new LlmException(describe() + ": " + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(describe() + ": interrupted", false, e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Override
    public String describe() {
        return "ollama:" + settings.model();
    }
}

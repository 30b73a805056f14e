package dev.podsift.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A folder of hero requests and their answers, one readable JSON file each, so a person or a program with a real
 * provider can answer them offline. A request is keyed by a hash of (model, system prompt, user message):
 * {@code <key>.request.json} holds {@code model}, {@code system} and {@code user}; {@code <key>.answer.json} holds
 * {@code text} (the model's answer, exactly) and optionally {@code input_tokens}, {@code output_tokens},
 * {@code answered_by}.
 */
public final class RecordedRequests {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public RecordedRequests(Path dir) {
        this.dir = dir;
    }

    /** The key of one request: the first 20 hex digits of SHA-256 over model, system and user, NUL-separated. */
    public static String key(String model, String system, String user) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] h = sha.digest((model + "\0" + system + "\0" + user).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    public Path requestFile(String key) {
        return dir.resolve(key + ".request.json");
    }

    public Path answerFile(String key) {
        return dir.resolve(key + ".answer.json");
    }

    /** Writes the request (once; an existing file is left as it is) and returns its key. */
    public String writeRequest(String model, String system, String user) throws IOException {
        String key = key(model, system, user);
        Path file = requestFile(key);
        if (!Files.exists(file)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("system", system);
            m.put("user", user);
            writeAtomically(file, JSON.writeValueAsString(m));
        }
        return key;
    }

    /** Writes an answer received from a provider. */
    public void writeAnswer(String key, LlmReply reply, String answeredBy) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", reply.text());
        m.put("input_tokens", reply.inputTokens());
        m.put("output_tokens", reply.outputTokens());
        m.put("answered_by", answeredBy);
        writeAtomically(answerFile(key), JSON.writeValueAsString(m));
    }

    /** The recorded answer to request {@code key}, or null when none is recorded. */
    public LlmReply answer(String key) throws IOException, LlmException {
        Path file = answerFile(key);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new LlmException(file + ": not a JSON answer (" + e.getMessage().split("\n")[0] + ")", false, e);
        }
        if (n == null || !n.path("text").isTextual()) {
            throw new LlmException(file + ": an answer needs a \"text\" field holding the model's reply", false, null);
        }
        return new LlmReply(n.path("text").asText(), n.path("input_tokens").asInt(0), n.path("output_tokens").asInt(0));
    }

    private void writeAtomically(Path file, String json) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".writing-", ".json");
        Files.writeString(tmp, json + "\n");
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}

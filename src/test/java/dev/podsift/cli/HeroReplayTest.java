package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.llm.LlmException;
import dev.podsift.llm.LlmSettings;
import dev.podsift.llm.RecordedRequests;
import dev.podsift.llm.ReplayClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hero tier evaluated offline: a digest records the requests it would send, someone answers them as files, and
 * the same digest replays the answers. Nothing reaches a network.
 */
class HeroReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REWRITE = "Evaluate models on your own data and real user requests, not on public "
            + "benchmarks.";
    @TempDir
    Path tmp;


    private SampleDigest digest(Map<String, String> llm) throws Exception {
        return SampleDigest.run(tmp, llm);
    }

    private static List<Path> requests(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".request.json")).sorted().toList();
        }
    }

    @Test
    void recordAnswerOfflineThenReplay() throws Exception {
        Path dir = tmp.resolve("recorded");
        // 1. record: no provider; every request is written, the digest goes out with the workhorse text
        SampleDigest recorded = digest(Map.of("PODSIFT_LLM_RECORD_DIR", dir.toString()));
        assertEquals(5, recorded.digest().get("insights").size());
        List<Path> files = requests(dir);
        assertTrue(files.size() >= 5, "one request per short-listed insight: " + files);
        JsonNode first = JSON.readTree(files.get(0).toFile());
        assertEquals("hero", first.get("model").asText());
        assertFalse(first.get("system").asText().isBlank());
        assertTrue(recorded.log().contains(files.size() + " request(s) recorded in " + dir), recorded.log());
        for (JsonNode i : recorded.digest().get("insights")) {
            assertFalse(i.get("text").asText().equals(REWRITE), "nothing was answered yet");
        }
        // 2. answer offline, as a person or a program with a real provider would: one answer file per request
        String answer = JSON.writeValueAsString(Map.of("insight", REWRITE, "score", 9));
        for (Path f : files) {
            String key = f.getFileName().toString().replace(".request.json", "");
            Files.writeString(dir.resolve(key + ".answer.json"), JSON.writeValueAsString(Map.of("text", answer,
                    "answered_by", "test")));
        }
        // 3. replay: the grounded rewrite replaces its passage's text; the others fail grounding and keep theirs
        SampleDigest replayed = digest(Map.of("PODSIFT_LLM_PROVIDER", "replay", "PODSIFT_LLM_REPLAY_DIR", dir.toString()));
        long rewritten = 0;
        for (JsonNode i : replayed.digest().get("insights")) {
            if (i.get("text").asText().equals(REWRITE)) {
                rewritten++;
                assertTrue(i.get("quote").asText().toLowerCase().contains("evaluate on your own data"), i.toString());
            }
        }
        assertEquals(1, rewritten, replayed.digest().toString());
        assertTrue(replayed.log().contains("hero replay:hero"), replayed.log());
    }

    @Test
    void aMissingAnswerIsAClearErrorNamingTheRequestFile() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        ReplayClient replay = new ReplayClient(new RecordedRequests(dir), "hero");
        LlmException e = assertThrows(LlmException.class, () -> replay.chat("system", "user"));
        Path request = dir.resolve(RecordedRequests.key("hero", "system", "user") + ".request.json");
        assertTrue(e.getMessage().contains(request.toString()), e.getMessage());
        assertTrue(Files.exists(request), "the request is there to be answered");
        Files.writeString(dir.resolve(RecordedRequests.key("hero", "system", "user") + ".answer.json"), "{\"txt\": 1}");
        assertTrue(assertThrows(LlmException.class, () -> replay.chat("system", "user")).getMessage()
                .contains("\"text\""), "a malformed answer says what it lacks");
    }

    @Test
    void replayNeedsItsFolder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LlmSettings.from(Map.of("PODSIFT_LLM_PROVIDER", "replay")));
        assertTrue(e.getMessage().contains("PODSIFT_LLM_REPLAY_DIR"), e.getMessage());
    }
}

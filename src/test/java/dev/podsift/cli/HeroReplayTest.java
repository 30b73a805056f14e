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

    /** The marked passage of each candidate in a recorded request ("&gt;&gt; [m:ss] Speaker: words"), in order. */
    private static List<String> passages(Path request) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (String line : JSON.readTree(request.toFile()).get("user").asText().split("\n")) {
            if (line.startsWith(">> ")) {
                out.add(line.replaceFirst("^>> \\[[0-9:]+\\] ([^:]+: )?", ""));
            } else if (line.startsWith("Passage: ")) {
                out.add(line.substring("Passage: ".length()));
            } else if (line.startsWith("Candidate ") && out.size() < Integer.parseInt(line.split(" ")[1]) - 1) {
                out.add("");
            }
        }
        return out;
    }

    /** The first sentence of a passage. */
    private static String firstSentence(String passage) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^.+?[.!?](?=\\s|$)").matcher(passage);
        return m.find() ? m.group() : passage;
    }

    /** Writes an answer to every request in {@code dir}: for each candidate, what {@code answer} makes of it. */
    private static void answerAll(Path dir, java.util.function.BiFunction<Integer, String, Map<String, Object>> answer)
            throws Exception {
        answerAll(dir, (show, n, passage) -> answer.apply(n, passage));
    }

    interface Answer {
        Map<String, Object> of(String show, int n, String passage);
    }

    /** As above, knowing the show the request is about. */
    private static void answerAll(Path dir, Answer answer) throws Exception {
        for (Path f : requests(dir)) {
            String show = JSON.readTree(f.toFile()).get("user").asText().split("\n")[0].replace("Show: ", "");
            List<Map<String, Object>> candidates = new java.util.ArrayList<>();
            List<String> passages = passages(f);
            for (int n = 1; n <= passages.size(); n++) {
                Map<String, Object> a = new java.util.HashMap<>(answer.of(show, n, passages.get(n - 1)));
                a.put("n", n);
                candidates.add(a);
            }
            String key = f.getFileName().toString().replace(".request.json", "");
            Files.writeString(dir.resolve(key + ".answer.json"), JSON.writeValueAsString(Map.of("text",
                    JSON.writeValueAsString(Map.of("candidates", candidates)), "answered_by", "test")));
        }
    }

    @Test
    void recordAnswerOfflineThenReplay() throws Exception {
        Path dir = tmp.resolve("recorded");
        // 1. record: no provider; every request is written, the digest goes out with the workhorse text
        SampleDigest recorded = digest(Map.of("PODSIFT_LLM_RECORD_DIR", dir.toString()));
        assertEquals(5, recorded.digest().get("insights").size());
        List<Path> files = requests(dir);
        assertTrue(files.size() >= 3, "one request per episode of the short list: " + files);
        JsonNode first = JSON.readTree(files.get(0).toFile());
        assertEquals("hero", first.get("model").asText());
        assertFalse(first.get("system").asText().isBlank());
        assertTrue(first.get("user").asText().startsWith("Show: "), first.get("user").asText());
        assertTrue(passages(files.get(0)).size() >= 2, "an episode's candidates go together");
        assertTrue(recorded.log().contains(files.size() + " request(s) recorded in " + dir), recorded.log());
        // 2. answer offline, as a person or a program with a real provider would: one answer file per request.
        // The first candidate of each episode is rewritten on its first sentence; the rest are no lesson.
        answerAll(dir, (n, passage) -> n == 1
                ? Map.of("lesson", true, "insight", "In short: " + firstSentence(passage), "span", firstSentence(passage),
                        "score", 9)
                : Map.of("lesson", false, "score", 2));
        // 3. replay: the rewrites lead the digest, each quoting the span it rests on
        SampleDigest replayed = digest(Map.of("PODSIFT_LLM_PROVIDER", "replay", "PODSIFT_LLM_REPLAY_DIR", dir.toString()));
        JsonNode items = replayed.digest().get("insights");
        for (JsonNode i : items) {
            assertTrue(i.get("text").asText().startsWith("In short: "), "what the editor called no lesson is never sent: " + i);
        }
        JsonNode top = items.get(0);
        assertTrue(top.get("text").asText().startsWith("In short: "), replayed.digest().toString());
        assertEquals(top.get("text").asText().substring("In short: ".length()), top.get("quote").asText());
        assertTrue(replayed.log().contains("hero replay:hero"), replayed.log());
        assertFalse(replayed.log().contains(" 0 rewritten"), replayed.log());
    }

    @Test
    void onceTheEditorHasEditedLessonsOnlyTheyAreSentEvenFromOneShow() throws Exception {
        Path dir = tmp.resolve("one-show");
        digest(Map.of("PODSIFT_LLM_RECORD_DIR", dir.toString()));
        // only The Data Bench's candidates get a rewrite that passes; every other show's rewrite adds a number
        answerAll(dir, (show, n, passage) -> Map.of("lesson", true, "score", show.equals("The Data Bench") ? 6 : 10,
                "span", firstSentence(passage), "insight", (show.equals("The Data Bench") ? "In short: "
                        : "In 73% of teams: ") + firstSentence(passage)));
        SampleDigest replayed = digest(Map.of("PODSIFT_LLM_PROVIDER", "replay", "PODSIFT_LLM_REPLAY_DIR", dir.toString()));
        JsonNode items = replayed.digest().get("insights");
        int edited = 0;
        for (JsonNode i : items) {
            if (i.get("text").asText().startsWith("In short: ")) {
                edited++;
                assertEquals("The Data Bench", i.get("podcast").asText());
            }
        }
        assertEquals(items.size(), edited, "only edited lessons, more of one show than the per-show limit, none of "
                + "the other shows' passages left as spoken: " + items);
        assertTrue(edited > 2, items.toString());
        assertTrue(items.get(0).get("text").asText().startsWith("In short: "), items.toString());
    }

    @Test
    void plantedFabricationsNeverReachTheDigest() throws Exception {
        Path dir = tmp.resolve("fabricated");
        digest(Map.of("PODSIFT_LLM_RECORD_DIR", dir.toString()));
        // every rewrite adds a number or a name its span does not say; the span itself is real
        answerAll(dir, (n, passage) -> Map.of("lesson", true, "score", 10, "span", firstSentence(passage),
                "insight", (n % 2 == 0 ? "Zorblax Corp proved it: " : "In 73% of teams: ") + firstSentence(passage)));
        SampleDigest replayed = digest(Map.of("PODSIFT_LLM_PROVIDER", "replay", "PODSIFT_LLM_REPLAY_DIR", dir.toString()));
        assertEquals(5, replayed.digest().get("insights").size());
        for (JsonNode i : replayed.digest().get("insights")) {
            String text = i.get("text").asText();
            assertFalse(text.contains("Zorblax") || text.contains("73%"), "ungrounded claim shipped: " + text);
        }
        assertTrue(replayed.log().contains("rejected: adds the"), replayed.log());
        assertTrue(replayed.log().contains(" 0 rewritten"), replayed.log());
    }

    @Test
    void aCommittedRecordingOfTheSampleDayReplays() throws Exception {
        // requests of the sample shows' digest, answered offline by an AI agent playing the model
        Path dir = Files.createDirectories(tmp.resolve("sample-day"));
        List<String> rewrites = new java.util.ArrayList<>();
        List<String> notLessons = new java.util.ArrayList<>();
        for (String name : new String(getClass().getResourceAsStream("/hero/sample-day/index.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            byte[] body = getClass().getResourceAsStream("/hero/sample-day/" + name).readAllBytes();
            Files.write(dir.resolve(name), body);
            if (name.endsWith(".answer.json")) {
                for (JsonNode c : JSON.readTree(JSON.readTree(body).get("text").asText()).get("candidates")) {
                    (c.path("lesson").asBoolean() ? rewrites : notLessons).add(c.path("insight").asText(""));
                }
            }
        }
        SampleDigest replayed = digest(Map.of("PODSIFT_LLM_PROVIDER", "replay", "PODSIFT_LLM_REPLAY_DIR", dir.toString()));
        assertFalse(replayed.log().contains("no recorded answer"), "the requests are the ones recorded: " + replayed.log());
        JsonNode items = replayed.digest().get("insights");
        assertEquals(5, items.size(), replayed.digest().toString());
        for (JsonNode i : items) {
            assertTrue(rewrites.contains(i.get("text").asText()), "every pick is a grounded rewrite the editor wrote: " + i);
            assertFalse(i.get("text").asText().equals(i.get("quote").asText()));
            assertTrue(i.get("end_seconds").asDouble() >= i.get("start_seconds").asDouble());
        }
        assertTrue(replayed.log().contains("0 failed"), replayed.log());
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

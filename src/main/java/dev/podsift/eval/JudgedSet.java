package dev.podsift.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passages a reader judged as a digest's reader would (kept: standalone, actionable, readable; or not), from
 * {@code DIR/judged-fresh.json}: the extractor's own top 5s of episodes that were never labelled, judged blind.
 * Unlike the labels, which mark key sentences and leave most of a transcript unsaid, a verdict here is about a
 * whole pick, so the share of kept picks is the issue's own measure.
 */
public final class JudgedSet {
    static final String FILE = "judged-fresh.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One judged passage: verbatim quote, whether the reader kept it, and which scorers had picked it. */
    public record Passage(String transcript, String quote, boolean kept, List<String> pickedBy) {
    }

    private record Json(String about, List<Map<String, Object>> passages) {
    }

    private JudgedSet() {
    }

    /** The judged passages by transcript (relative to the corpus), in file order; empty when there is no file. */
    public static Map<String, List<Passage>> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, List<Passage>> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        Json json;
        try {
            json = JSON.readValue(file.toFile(), Json.class);
        } catch (IOException e) {
            throw new IOException(FILE + ": " + e.getMessage(), e);
        }
        for (Map<String, Object> p : json.passages()) {
            Object transcript = p.get("transcript");
            Object quote = p.get("quote");
            if (!(transcript instanceof String t) || !(quote instanceof String q) || !(p.get("kept") instanceof Boolean k)) {
                throw new IOException(FILE + ": every passage needs a transcript, a quote and kept (true or false): " + p);
            }
            @SuppressWarnings("unchecked")
            List<String> by = p.get("picked_by") instanceof List<?> l ? (List<String>) l : List.of();
            out.computeIfAbsent(t, x -> new ArrayList<>()).add(new Passage(t, q, k, by));
        }
        return out;
    }
}

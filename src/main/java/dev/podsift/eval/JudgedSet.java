package dev.podsift.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passages a reader judged as a digest's reader would (kept: standalone, actionable, readable; or not), from
 * {@code DIR/judged-fresh.json}: the extractor's own top 5s of episodes that were never labelled (judged blind unless
 * marked {@code "blind": false}).
 * Unlike the labels, which mark key sentences and leave most of a transcript unsaid, a verdict here is about a
 * whole pick, so the share of kept picks is the issue's own measure.
 */
public final class JudgedSet {
    static final String FILE = "judged-fresh.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One judged passage: verbatim quote, whether the reader kept it, and which scorers had picked it. */
    public record Passage(String transcript, String quote, boolean kept, List<String> pickedBy) {
    }

    /** A passage as written in the file, where any field may be missing. */
    private record Written(String transcript, String quote, Boolean kept, List<String> pickedBy) {
    }

    private record Json(String about, List<Written> passages) {
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
        for (Written p : json.passages()) {
            if (p.transcript() == null || p.quote() == null || p.kept() == null) {
                throw new IOException(FILE + ": every passage needs a transcript, a quote and kept (true or false); "
                        + "this one has transcript " + p.transcript() + ", quote " + p.quote() + ", kept " + p.kept());
            }
            out.computeIfAbsent(p.transcript(), x -> new ArrayList<>()).add(new Passage(p.transcript(), p.quote(),
                    p.kept(), p.pickedBy() == null ? List.of() : p.pickedBy()));
        }
        return out;
    }
}

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
 * Passages readers judged as a digest's reader would (kept: standalone, actionable, readable; or not): every verdict
 * of {@code DIR/verdicts/verdicts.jsonl} (one line per reader and passage, gathered by {@code verdicts/merge.py}), or
 * of {@code DIR/judged-fresh.json} where there is no such file. A passage several readers judged carries the share
 * that kept it. Unlike the labels, which mark key sentences and leave most of a transcript unsaid, a verdict is about a
 * whole pick, so the share of kept picks is the product's own measure.
 */
public final class JudgedSet {
    static final String FILE = "judged-fresh.json";
    static final String VERDICTS = "verdicts/verdicts.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * One judged passage: its verbatim quote, the share of its readers who kept it, their mean score (1–5; NaN when
     * none gave one), how many readers judged it, and which scorers had picked it (where the file says).
     */
    public record Passage(String transcript, String quote, double keep, double score, int readers,
                          List<String> pickedBy) {
        public Passage(String transcript, String quote, boolean kept, List<String> pickedBy) {
            this(transcript, quote, kept ? 1 : 0, Double.NaN, 1, pickedBy);
        }

        public boolean kept() {
            return keep > 0.5;
        }
    }

    /** A verdict as written in either file, where any field may be missing. */
    private record Written(String transcript, String quote, Boolean kept, Boolean keep, Double score,
                           List<String> pickedBy) {
        Boolean verdict() {
            return keep != null ? keep : kept;
        }
    }

    private record Json(String about, List<Written> passages) {
    }

    private JudgedSet() {
    }

    /** The judged passages by transcript (relative to the corpus), in file order; empty when there is no file. */
    public static Map<String, List<Passage>> load(Path dir) throws IOException {
        Path all = dir.resolve(VERDICTS);
        Path fresh = dir.resolve(FILE);
        List<Written> written = new ArrayList<>();
        String name;
        if (Files.exists(all)) {
            name = VERDICTS;
            int line = 0;
            for (String l : Files.readAllLines(all)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                try {
                    written.add(JSON.readValue(l, Written.class));
                } catch (IOException e) {
                    throw new IOException(VERDICTS + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } else if (Files.exists(fresh)) {
            name = FILE;
            try {
                written.addAll(JSON.readValue(fresh.toFile(), Json.class).passages());
            } catch (IOException e) {
                throw new IOException(FILE + ": " + e.getMessage(), e);
            }
        } else {
            return new LinkedHashMap<>();
        }
        Map<String, Map<String, List<Written>>> grouped = new LinkedHashMap<>();
        for (Written p : written) {
            if (p.transcript() == null || p.quote() == null || p.verdict() == null) {
                throw new IOException(name + ": every verdict needs a transcript, a quote and keep (true or false); "
                        + "this one has transcript " + p.transcript() + ", quote " + p.quote() + ", keep " + p.verdict());
            }
            grouped.computeIfAbsent(p.transcript(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(p.quote().replaceAll("\\s+", " ").trim(), x -> new ArrayList<>()).add(p);
        }
        Map<String, List<Passage>> out = new LinkedHashMap<>();
        for (var byQuote : grouped.entrySet()) {
            List<Passage> passages = new ArrayList<>();
            for (var e : byQuote.getValue().entrySet()) {
                List<Written> vs = e.getValue();
                double keep = vs.stream().filter(Written::verdict).count() / (double) vs.size();
                double score = vs.stream().filter(v -> v.score() != null).mapToDouble(Written::score).average()
                        .orElse(Double.NaN);
                List<String> by = vs.stream().flatMap(v -> v.pickedBy() == null ? java.util.stream.Stream.empty()
                        : v.pickedBy().stream()).distinct().toList();
                passages.add(new Passage(byQuote.getKey(), e.getKey(), keep, score, vs.size(), by));
            }
            out.put(byQuote.getKey(), passages);
        }
        return out;
    }
}

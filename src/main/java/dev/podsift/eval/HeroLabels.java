package dev.podsift.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hero editor's recorded judgements of the workhorse's candidates ({@code DIR/hero/labels.jsonl}, written by
 * {@code eval/hero/labels.py}): one JSON object per candidate (passage, lesson, score, repeats, ...).
 */
public final class HeroLabels {
    static final String FILE = "hero/labels.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private HeroLabels() {
    }

    /** The judgements by transcript (relative to the corpus); empty when there is no file. */
    public static Map<String, List<JsonNode>> load(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                if (n.hasNonNull("transcript")) {
                    out.computeIfAbsent(n.get("transcript").asText(), t -> new ArrayList<>()).add(n);
                }
            }
        }
        return out;
    }
}

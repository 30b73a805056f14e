package dev.podsift.eval;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loads the evaluation set: one JSON file per episode in {@code DIR/episodes}. */
public final class EvalSet {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private EvalSet() {
    }

    public static List<EvalEpisode> load(Path dir) throws IOException {
        Path episodes = dir.resolve("episodes");
        if (!Files.isDirectory(episodes)) {
            throw new IOException("no evaluation set at " + episodes.toAbsolutePath() + " (expected episodes/*.json)");
        }
        List<EvalEpisode> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(episodes)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(JSON.readValue(f.toFile(), EvalEpisode.class));
                } catch (IOException e) {
                    throw new IOException(f.getFileName() + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }
}

package dev.podsift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.store.StoredPodcast;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A whole digest (JSON) of the bundled sample shows, with the given settings, in a fresh data folder under tmp. */
record SampleDigest(JsonNode digest, String log) {
    static SampleDigest run(Path tmp, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(settings);
        env.put("PODSIFT_DATA", tmp.resolve("data-" + System.nanoTime()).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (App app = new App(Config.from(env), Clock.systemUTC())) {
            List<StoredPodcast> podcasts = new ArrayList<>();
            for (Path f : DemoCommand.unpack(tmp.resolve("sample-" + System.nanoTime()))) {
                app.podcasts().add(f.toString());
                podcasts.add(app.podcasts().find(f.toString()).orElseThrow());
            }
            int code = DigestRun.run(app, podcasts, null, 5, null, DigestRenderer.Format.JSON, null,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        }
        return new SampleDigest(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)),
                err.toString(StandardCharsets.UTF_8));
    }
}

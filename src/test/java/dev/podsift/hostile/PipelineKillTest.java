package dev.podsift.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.model.Stage;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredPodcast;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code podsift digest} killed with SIGKILL at random moments (scanning, transcribing, analysing, writing), then
 * run to the end: every episode is analysed once, with exactly the insights an uninterrupted run stores.
 */
@Tag("hostile")
class PipelineKillTest {
    private static final Path DEMO = Path.of("src/main/resources/demo").toAbsolutePath();

    private static Process digest(Path data) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.podsift.cli.Main", "digest", "--data", data.toString(), "--format", "json"));
        for (String show : List.of("shipping-software.xml", "founder-hours.xml", "data-bench.xml")) {
            cmd.add("--feed");
            cmd.add(DEMO.resolve(show).toString());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PODSIFT_ASR", "off");
        return pb.start();
    }

    /** Episode title → the texts of its stored insights, in order. */
    private static Map<String, List<String>> stored(Path data) throws StoreException {
        Map<String, List<String>> out = new TreeMap<>();
        Config config = Config.from(Map.of("PODSIFT_DATA", data.toString(), "PODSIFT_ASR", "off"));
        try (App app = new App(config, Clock.systemUTC())) {
            for (StoredPodcast p : app.podcasts().list()) {
                for (StoredEpisode e : app.episodes().inStage(p.id(), Stage.ANALYZED)) {
                    out.put(e.title(), app.database().inTransaction(c -> {
                        List<String> texts = new ArrayList<>();
                        try (var ps = c.prepareStatement("SELECT quote FROM insights WHERE episode_id = ? "
                                + "ORDER BY position")) {
                            ps.setLong(1, e.id());
                            try (var rs = ps.executeQuery()) {
                                while (rs.next()) {
                                    texts.add(rs.getString(1));
                                }
                            }
                        }
                        return texts;
                    }));
                }
                assertEquals(0, app.episodes().inStage(p.id(), Stage.FAILED).size(), p.title());
            }
        }
        return out;
    }

    @Test
    void killedAtRandomMomentsTheDigestStillAnalysesEveryEpisodeOnce(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        Process clean = digest(reference);
        clean.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, clean.waitFor(), "an uninterrupted run");
        Map<String, List<String>> expected = stored(reference);
        assertEquals(6, expected.size(), expected.keySet().toString());

        Path data = dir.resolve("killed");
        Random random = new Random(Long.getLong("podsift.killSeed", System.nanoTime()));
        List<Long> kills = new ArrayList<>();
        List<String> killedAt = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            Process p = digest(data);
            // kill while it works: at a random progress line (a feed scanned, an episode started), a few ms later
            String phase = round % 2 == 0 ? "processing episodes" : "scanning feeds";
            int target = 1 + random.nextInt(3);
            int seen = 0;
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith(phase) && ++seen >= target) {
                    Thread.sleep(random.nextInt(40));
                    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    killedAt.add(line.length() > 60 ? line.substring(0, 60) : line);
                    kills.add((long) seen);
                    break;
                }
            }
            p.waitFor();
        }
        System.out.println("PipelineKillTest: killed at " + killedAt);
        Process last = digest(data);
        last.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertEquals(0, last.waitFor(), "the run after the kills finishes");
        Map<String, List<String>> got = stored(data);
        assertEquals(expected.keySet(), got.keySet(), "every episode analysed");
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            List<String> mine = got.get(e.getKey());
            assertEquals(e.getValue().size(), mine.size(), "no insight lost or doubled: " + e.getKey());
            assertEquals(mine.size(), mine.stream().distinct().count(), "no quote stored twice: " + e.getKey());
        }
        assertTrue(kills.size() >= 1, "at least one run was killed mid-way: " + kills);
    }
}

package dev.podsift.cli;

import dev.podsift.app.App;
import dev.podsift.config.Config;
import dev.podsift.store.StoredPodcast;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code podsift demo}: the whole job on the sample shows bundled in the jar (three shows, six episodes, written by
 * us), fully offline. Each run starts from an empty temporary store, so it always shows a full top 5.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the main job on the bundled sample shows, offline.",
                "Scans three sample feeds, reads their transcripts, extracts and ranks insights across shows, and",
                "prints the top ones. Uses a fresh temporary data directory unless --data is given."})
public final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.Mixin
    DigestOptions digest;
    @Option(names = "--data", paramLabel = "DIR", description = "keep the demo's database here instead of a temporary one")
    Path data;

    @Override
    public Integer call() throws Exception {
        if (!digest.valid()) {
            return 2;
        }
        Path work = Files.createTempDirectory("podsift-demo-");
        try {
            List<Path> feeds = unpack(work.resolve("sample"));
            Map<String, String> env = new HashMap<>(System.getenv());
            env.remove("PODSIFT_DATABASE_URL");
            env.put("PODSIFT_DATA", (data != null ? data : work.resolve("data")).toString());
            try (App app = new App(Config.from(env), Clock.systemUTC())) {
                List<StoredPodcast> podcasts = new ArrayList<>();
                for (Path f : feeds) {
                    String ref = f.toAbsolutePath().toString();
                    app.podcasts().add(ref);
                    podcasts.add(app.podcasts().find(ref).orElseThrow());
                }
                return DigestRun.run(app, podcasts, null, digest.top, digest.topics, digest.format, digest.output,
                        System.out, System.err);
            }
        } finally {
            deleteTree(work);
        }
    }

    /** Copies the bundled sample out of the jar; returns the feed files. */
    static List<Path> unpack(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> feeds = new ArrayList<>();
        String index;
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/index.txt")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : index.split("\n")) {
            if (name.isBlank()) {
                continue;
            }
            try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name.trim())) {
                Path target = dir.resolve(name.trim());
                Files.copy(in, target);
                if (name.endsWith(".xml")) {
                    feeds.add(target);
                }
            }
        }
        feeds.sort(Comparator.naturalOrder());
        return feeds;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("podsift: could not remove temporary files in " + root + ": " + e.getMessage());
        }
    }
}

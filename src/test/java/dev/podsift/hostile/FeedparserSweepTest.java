package dev.podsift.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.feed.FeedParser;
import dev.podsift.model.Feed;
import dev.podsift.net.FeedDecoder;
import dev.podsift.net.FeedException;
import dev.podsift.support.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every file of feedparser's {@code illformed} and {@code encoding} folders (in ../shared/corpus) through our decoder
 * and parser: each gives a feed or a clear {@link FeedException}, within 5 s; never another exception, a stack
 * overflow or a hang. The per-file outcome goes to target/conformance/sweep.tsv; the counts are in docs/testing.md.
 */
@Tag("hostile")
class FeedparserSweepTest {

    @Test
    void illformedAndEncodingFilesGiveAResultOrAClearError() throws Exception {
        Path root = Corpus.root();
        Assumptions.assumeTrue(root != null, "the corpus is not here");
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("illformed", "encoding")) {
            try (Stream<Path> s = Files.walk(root.resolve("feedparser-suite/tests/" + folder))) {
                s.filter(Files::isRegularFile).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 80, "files found: " + files.size());
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "sweep", 8L << 20);
            t.setDaemon(true);
            return t;
        });
        int feeds = 0;
        int errors = 0;
        List<String> failures = new ArrayList<>();
        StringBuilder tsv = new StringBuilder("file\toutcome\tdetail\n");
        try {
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                Future<Feed> result = pool.submit(() -> new FeedParser().parse(FeedDecoder.decode(bytes, null),
                        f.toUri().toString()));
                String rel = root.relativize(f).toString();
                try {
                    Feed feed = result.get(5, TimeUnit.SECONDS);
                    feeds++;
                    tsv.append(rel).append("\tfeed\t").append(feed.episodes().size()).append(" episode(s)\n");
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof FeedException fe && fe.getMessage() != null && !fe.getMessage().isBlank()) {
                        errors++;
                        tsv.append(rel).append("\terror\t").append(fe.getMessage()).append('\n');
                    } else {
                        failures.add(rel + ": " + e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    result.cancel(true);
                    failures.add(rel + ": no answer in 5 s");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Files.createDirectories(Path.of("target/conformance"));
        Files.writeString(Path.of("target/conformance/sweep.tsv"), tsv);
        System.out.printf("feedparser illformed + encoding sweep: %d files, %d feeds, %d clear errors, %d failures%n",
                files.size(), feeds, errors, failures.size());
        assertEquals(List.of(), failures);
        assertEquals(files.size(), feeds + errors);
    }
}

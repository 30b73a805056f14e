package dev.podsift.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-data corpus (../shared/corpus); tests that need it are skipped, saying so, when it is absent. */
public final class Corpus {
    private Corpus() {
    }

    /** The first of: -Dpodsift.corpus, $PODSIFT_CORPUS, ../shared/corpus, /work/shared/corpus that exists. */
    public static Path root() {
        String[] candidates = {System.getProperty("podsift.corpus"), System.getenv("PODSIFT_CORPUS"),
                "../shared/corpus", "/work/shared/corpus"};
        for (String c : candidates) {
            if (c != null && Files.isDirectory(Path.of(c))) {
                return Path.of(c);
            }
        }
        assumeTrue(false, "corpus not found (tried -Dpodsift.corpus, $PODSIFT_CORPUS, ../shared/corpus, "
                + "/work/shared/corpus); skipping corpus tests");
        return null;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}

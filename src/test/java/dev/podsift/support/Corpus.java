package dev.podsift.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-data corpus (../shared/corpus); tests that need it are skipped, saying so, when it is absent. */
public final class Corpus {
    private Corpus() {
    }

    public static Path root() {
        Path p = Path.of(System.getProperty("podsift.corpus", "../shared/corpus"));
        assumeTrue(Files.isDirectory(p), "corpus not found at " + p.toAbsolutePath()
                + " (set -Dpodsift.corpus=DIR); skipping corpus tests");
        return p;
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }
}

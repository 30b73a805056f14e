package dev.podsift.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the labelled set and the corpus it refers to are: shared by {@code eval} and {@code train}. */
public final class EvalOptions {
    @Option(names = "--set", paramLabel = "DIR", defaultValue = "eval", description = "the evaluation set (default: ${DEFAULT-VALUE})")
    Path set;
    @Option(names = "--corpus", paramLabel = "DIR",
            description = "where the transcripts are (default: $PODSIFT_CORPUS, else ../shared/corpus)")
    Path corpus;

    @Option(names = "--embedding-cache", paramLabel = "FILE", description = "remember every sentence's embedding in "
            + "FILE and reuse it on the next run (for repeated evaluations and training; the file grows)")
    Path embeddingCache;

    /** The embedding model, remembered in --embedding-cache when given; closing it closes the model. */
    dev.podsift.insight.CachedEmbedder embedder() {
        return new dev.podsift.insight.CachedEmbedder(new dev.podsift.insight.MiniLmEmbedder(), embeddingCache);
    }

    Path corpusRoot() {
        return corpus != null ? corpus : Path.of(System.getenv().getOrDefault("PODSIFT_CORPUS", "../shared/corpus"));
    }
}

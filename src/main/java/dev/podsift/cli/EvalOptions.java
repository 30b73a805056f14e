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

    Path corpusRoot() {
        return corpus != null ? corpus : Path.of(System.getenv().getOrDefault("PODSIFT_CORPUS", "../shared/corpus"));
    }
}

package dev.podsift.cli;

import dev.podsift.digest.DigestRenderer;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options shared by {@code digest} and {@code demo}. */
public final class DigestOptions {
    @Option(names = "--top", defaultValue = "5", description = "how many insights (default: ${DEFAULT-VALUE})")
    int top;
    @Option(names = "--topics", paramLabel = "TEXT", description = "what you care about, in plain words")
    String topics;
    @Option(names = "--format", defaultValue = "text", description = "text, md, json or html (default: ${DEFAULT-VALUE})")
    DigestRenderer.Format format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    /** False (after saying why on stderr) when the options cannot work together. */
    boolean valid() {
        if (top < 1) {
            System.err.println("podsift: --top must be at least 1");
            return false;
        }
        return true;
    }
}

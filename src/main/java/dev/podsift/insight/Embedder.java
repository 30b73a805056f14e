package dev.podsift.insight;

import java.util.List;

/** Turns sentences into unit-length vectors whose dot product measures how alike their meanings are. */
public interface Embedder {
    float[][] embed(List<String> texts);
}

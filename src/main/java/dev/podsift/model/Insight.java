package dev.podsift.model;

/**
 * One candidate lesson from one episode: the cleaned text, the verbatim quote it came from, where it was said,
 * how good the extractor thinks it is, and its sentence embedding (for merging near-duplicates).
 */
public record Insight(String text, String quote, double startSeconds, double endSeconds, double score,
                      String speaker, float[] embedding) {
}

package dev.podsift.model;

/** A {@code <podcast:transcript>} reference: where a publisher transcript lives and in which format. */
public record TranscriptLink(String url, String type, String language, String rel) {
}

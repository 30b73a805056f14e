package dev.podsift.model;

/** A timed stretch of speech: seconds from the start of the audio, who spoke (or null), and the words. */
public record Segment(double start, double end, String speaker, String text) {
}

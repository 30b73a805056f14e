package dev.podsift.model;

import java.util.List;
import java.util.stream.Collectors;

/** A whole episode's speech as ordered, timed segments, and what the file said about the episode (if anything). */
public record Transcript(List<Segment> segments, TranscriptInfo info) {
    public Transcript {
        segments = List.copyOf(segments);
        info = info == null ? TranscriptInfo.NONE : info;
    }

    public Transcript(List<Segment> segments) {
        this(segments, TranscriptInfo.NONE);
    }

    public boolean isEmpty() {
        return segments.stream().allMatch(s -> s.text().isBlank());
    }

    /** All words, whitespace collapsed: the text a quote must be found in verbatim. */
    public String plainText() {
        return segments.stream().map(Segment::text).collect(Collectors.joining(" ")).replaceAll("\\s+", " ").trim();
    }

    public double durationSeconds() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
    }
}

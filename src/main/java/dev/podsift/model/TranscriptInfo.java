package dev.podsift.model;

/**
 * What a transcript file says about its own episode (a Markdown transcript's front matter): any field may be null,
 * and {@code durationSeconds} is NaN when not given.
 */
public record TranscriptInfo(String show, String title, String guest, double durationSeconds, String description) {
    public static final TranscriptInfo NONE = new TranscriptInfo(null, null, null, Double.NaN, null);

    public boolean isEmpty() {
        return show == null && title == null && guest == null && Double.isNaN(durationSeconds) && description == null;
    }
}

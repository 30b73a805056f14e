package dev.podsift.store;

import dev.podsift.model.Stage;
import java.time.Instant;

/**
 * An episode row: what the pipeline needs to move it along and to cite it. {@code durationSeconds} (from the
 * feed, or null) and {@code description} (show notes, trimmed) let speech recognition pick what to do first.
 */
public record StoredEpisode(long id, long podcastId, String podcastTitle, String identity, String title, String link,
                            Instant published, String enclosureUrl, String transcriptUrl, String transcriptType,
                            Stage stage, String failureReason, Long durationSeconds, String description) {
}

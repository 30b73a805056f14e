package dev.podsift.store;

import dev.podsift.model.Stage;
import java.time.Instant;

/** An episode row: what the pipeline needs to move it along and to cite it. */
public record StoredEpisode(long id, long podcastId, String podcastTitle, String identity, String title, String link,
                            Instant published, String enclosureUrl, String transcriptUrl, String transcriptType,
                            Stage stage, String failureReason) {
}

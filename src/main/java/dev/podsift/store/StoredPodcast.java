package dev.podsift.store;

import java.time.Instant;

/** A followed feed as stored. */
public record StoredPodcast(long id, String url, String title, String link, Instant lastCheckedAt, String lastError) {
}

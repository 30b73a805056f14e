package dev.podsift.store;

import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;

/** An insight with its row id and the episode it came from. */
public record StoredInsight(long id, EpisodeRef episode, long podcastId, Insight insight) {
}

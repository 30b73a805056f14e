package dev.podsift.model;

/** Enough about an episode to cite it next to an insight. */
public record EpisodeRef(long episodeId, String podcast, String episode, String episodeUrl, String audioUrl) {
}

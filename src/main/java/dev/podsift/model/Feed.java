package dev.podsift.model;

import java.util.List;

/**
 * What Podsift read from one feed document: the show and its episodes, newest first as published; {@code selfUrl}
 * is the address the feed gives for itself (its {@code atom:link rel="self"}), or null.
 */
public record Feed(String title, String url, String newUrl, boolean locked, String link, String description,
                   String author, String imageUrl, String language, String podcastGuid, List<FeedEpisode> episodes,
                   String selfUrl) {
    public Feed {
        episodes = List.copyOf(episodes);
    }

    public Feed(String title, String url, String newUrl, boolean locked, String link, String description,
                String author, String imageUrl, String language, String podcastGuid, List<FeedEpisode> episodes) {
        this(title, url, newUrl, locked, link, description, author, imageUrl, language, podcastGuid, episodes, null);
    }
}

package dev.podsift.model;

import java.util.List;

/** What Podsift read from one feed document: the show and its episodes, newest first as published. */
public record Feed(String title, String url, String newUrl, boolean locked, String link, String description,
                   String author, String imageUrl, String language, String podcastGuid, List<FeedEpisode> episodes) {
    public Feed {
        episodes = List.copyOf(episodes);
    }
}

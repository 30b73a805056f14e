package dev.podsift.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.net.FeedException;
import dev.podsift.net.Fetcher;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds podcasts by name with Apple's public iTunes Search API ({@code GET {base}?media=podcast&entity=podcast
 * &term=…&limit=…}, answering {@code {"resultCount": n, "results": [{"collectionName", "artistName", "feedUrl",
 * "artworkUrl100", "collectionViewUrl"}]}}). The base URL is configurable (PODSIFT_PODCAST_SEARCH_URL); requests go
 * through the {@link Fetcher}, so its limits and address policy apply. Results without a feed URL are dropped.
 */
public final class PodcastSearch {
    /** One show found. */
    public record Found(String title, String author, String feedUrl, String artworkUrl, String pageUrl) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Fetcher fetcher;
    private final String base;

    public PodcastSearch(Fetcher fetcher, String base) {
        this.fetcher = fetcher;
        this.base = base;
    }

    public List<Found> search(String term, int limit) throws FeedException {
        String q = term == null ? "" : term.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        String url = base + (base.contains("?") ? "&" : "?") + "media=podcast&entity=podcast&limit=" + limit
                + "&term=" + URLEncoder.encode(q.length() > 100 ? q.substring(0, 100) : q, StandardCharsets.UTF_8);
        Fetcher.Fetched f = fetcher.fetch(url);
        JsonNode root;
        try {
            root = JSON.readTree(f.body());
        } catch (IOException e) {
            throw new FeedException("the podcast search answered with something that is not JSON");
        }
        if (root == null || !root.path("results").isArray()) {
            throw new FeedException("the podcast search answered without a results list");
        }
        List<Found> out = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            String feed = r.path("feedUrl").asText("");
            if (feed.startsWith("http://") || feed.startsWith("https://")) {
                out.add(new Found(r.path("collectionName").asText(r.path("trackName").asText("")),
                        r.path("artistName").asText(""), feed, r.path("artworkUrl100").asText(null),
                        r.path("collectionViewUrl").asText(null)));
            }
        }
        return out;
    }
}

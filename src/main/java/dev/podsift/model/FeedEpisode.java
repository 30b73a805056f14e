package dev.podsift.model;

import java.time.Instant;
import java.util.List;

/** One episode as the feed describes it; {@code identity} is the key Podsift stores (guid, else enclosure + title). */
public record FeedEpisode(String guid, String identity, String title, Instant published, Long durationSeconds,
                          String enclosureUrl, String enclosureType, Long enclosureLength, String link,
                          String description, List<TranscriptLink> transcripts, String chaptersUrl,
                          List<String> persons, Integer season, Integer number, String episodeType) {
    public FeedEpisode {
        transcripts = List.copyOf(transcripts);
        persons = List.copyOf(persons);
    }
}

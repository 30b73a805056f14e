package dev.podsift.web;

import dev.podsift.store.EpisodeStore;
import dev.podsift.store.StoredPodcast;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a follower sees of one feed: when it was last read (in their time zone), how many episodes it has and how
 * many were analysed, and what went wrong: the feed's own error, or the episodes that could not be analysed.
 */
public record FeedState(StoredPodcast podcast, String line, String problem, List<String> alsoAt) {
    static List<FeedState> of(List<StoredPodcast> feeds, Map<Long, EpisodeStore.Health> health,
                              Map<Long, List<String>> aliases, ZoneId zone) {
        List<FeedState> out = new ArrayList<>();
        for (StoredPodcast p : feeds) {
            if (p.lastCheckedAt() == null) {
                out.add(new FeedState(p, "waiting to be read", null, aliases.getOrDefault(p.id(), List.of())));
                continue;
            }
            EpisodeStore.Health h = health.getOrDefault(p.id(), new EpisodeStore.Health(0, 0, 0, null));
            String line = "read " + Times.at(p.lastCheckedAt(), zone, "") + " · " + h.episodes() + " episode"
                    + (h.episodes() == 1 ? "" : "s") + ", " + h.analyzed() + " analysed";
            String problem = p.lastError() != null ? p.lastError()
                    : h.failed() > 0 ? h.failed() + " could not be analysed; the last, " + h.lastFailure() : null;
            out.add(new FeedState(p, line, problem, aliases.getOrDefault(p.id(), List.of())));
        }
        return out;
    }
}

package dev.podsift.digest;

import dev.podsift.store.DigestStore;
import dev.podsift.store.EpisodeStore;
import dev.podsift.store.InsightStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredEpisode;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.StoredPodcast;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Makes one subscriber's digest from the analyzed episodes of some podcasts and records what it delivered, so the
 * next digest does not repeat it. Without {@code since}, the day's material is episodes first seen in the last
 * week; with it, episodes published since then, and the delivery history is ignored (a deliberate re-run).
 */
public final class DigestService {
    static final Duration FRESH = Duration.ofDays(7);
    static final Duration NOVELTY = Duration.ofDays(30);

    private final EpisodeStore episodes;
    private final InsightStore insights;
    private final DigestStore digests;
    private final DigestBuilder builder;
    private final InstantSource clock;

    public DigestService(EpisodeStore episodes, InsightStore insights, DigestStore digests, DigestBuilder builder,
                         InstantSource clock) {
        this.episodes = episodes;
        this.insights = insights;
        this.digests = digests;
        this.builder = builder;
        this.clock = clock;
    }

    public List<DigestItem> make(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics,
                                 int top) throws StoreException {
        Set<Long> episodeIds = new HashSet<>();
        Instant now = clock.instant();
        for (StoredPodcast p : podcasts) {
            List<StoredEpisode> list = since == null ? episodes.analyzedSeenSince(p.id(), now.minus(FRESH))
                    : episodes.publishedSince(p.id(), since);
            for (StoredEpisode e : list) {
                if (e.stage() == dev.podsift.model.Stage.ANALYZED) {
                    episodeIds.add(e.id());
                }
            }
        }
        List<StoredInsight> candidates = insights.forEpisodes(episodeIds);
        List<StoredInsight> delivered = since == null ? insights.deliveredSince(subscriber, now.minus(NOVELTY))
                : List.of();
        return builder.build(candidates, delivered, topics, top);
    }

    /** Records {@code items} as delivered to {@code subscriber}, with the rendered JSON. */
    public void record(String subscriber, List<DigestItem> items, String json) throws StoreException {
        List<Long> ids = new ArrayList<>();
        for (DigestItem item : items) {
            ids.add(item.insight().id());
            for (StoredInsight o : item.alsoIn()) {
                ids.add(o.id());
            }
        }
        digests.save(subscriber, json, ids);
    }
}

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
    private final dev.podsift.llm.HeroPolisher hero;
    private final int shortList;

    /** A digest service using the embedded workhorse alone. */
    public DigestService(EpisodeStore episodes, InsightStore insights, DigestStore digests, DigestBuilder builder,
                         InstantSource clock) {
        this(episodes, insights, digests, builder, clock, null, 0);
    }

    /** A digest service whose short list of {@code shortList} goes through the hero tier ({@code hero} may be null). */
    public DigestService(EpisodeStore episodes, InsightStore insights, DigestStore digests, DigestBuilder builder,
                         InstantSource clock, dev.podsift.llm.HeroPolisher hero, int shortList) {
        this.episodes = episodes;
        this.insights = insights;
        this.digests = digests;
        this.builder = builder;
        this.clock = clock;
        this.hero = hero;
        this.shortList = shortList;
    }

    /** The digest's items and, when the hero tier ran, its report. */
    public record Outcome(List<DigestItem> items, dev.podsift.llm.HeroPolisher.Report hero) {
    }

    /** Weight of the hero judge's 0–10 score against the workhorse score when re-ranking the short list. */
    static final double JUDGE_WEIGHT = 0.5;

    /** Makes the digest; with the hero tier, the short list is rewritten, judged and re-ranked before the cut. */
    public Outcome makeWithHero(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics, int top)
            throws StoreException {
        if (hero == null) {
            return new Outcome(make(subscriber, podcasts, since, topics, top), null);
        }
        List<DigestItem> list = make(subscriber, podcasts, since, topics, Math.max(top, shortList));
        List<String> quotes = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (DigestItem item : list) {
            quotes.add(item.insight().insight().quote());
            texts.add(item.insight().insight().text());
        }
        dev.podsift.llm.HeroPolisher.Result polished = hero.polish(quotes, texts);
        List<DigestItem> rescored = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            DigestItem item = list.get(i);
            dev.podsift.llm.HeroPolisher.Polished p = polished.items().get(i);
            StoredInsight s = item.insight();
            var in = s.insight();
            StoredInsight text = new StoredInsight(s.id(), s.episode(), s.podcastId(), new dev.podsift.model.Insight(
                    p.text(), in.quote(), in.startSeconds(), in.endSeconds(), in.score(), in.speaker(), in.embedding()));
            double score = p.judge() < 0 ? item.score() : item.score() + JUDGE_WEIGHT * (p.judge() / 10 - 0.5);
            rescored.add(new DigestItem(0, text, item.alsoIn(), score, item.quality(), item.relevance(), item.consensus(),
                    item.novelty()));
        }
        return new Outcome(builder.pick(rescored, top), polished.report());
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
    public long record(String subscriber, List<DigestItem> items, String json) throws StoreException {
        List<Long> ids = new ArrayList<>();
        for (DigestItem item : items) {
            ids.add(item.insight().id());
            for (StoredInsight o : item.alsoIn()) {
                ids.add(o.id());
            }
        }
        return digests.save(subscriber, json, ids);
    }
}

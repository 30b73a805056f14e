package dev.podsift.digest;

import dev.podsift.llm.HeroEditor;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final HeroEditor hero;
    private final int shortList;
    private final int perEpisode;
    private java.util.function.Supplier<dev.podsift.insight.VoteLayer> layer = () -> dev.podsift.insight.VoteLayer.IDENTITY;
    private java.util.function.UnaryOperator<float[]> topicSpace = v -> v;

    /** A digest service using the embedded workhorse alone. */
    public DigestService(EpisodeStore episodes, InsightStore insights, DigestStore digests, DigestBuilder builder,
                         InstantSource clock) {
        this(episodes, insights, digests, builder, clock, null, 0, 0);
    }

    /**
     * A digest service whose short list of {@code shortList} goes through the hero editor ({@code hero} may be
     * null), {@code perEpisode} candidates of each episode per request.
     */
    public DigestService(EpisodeStore episodes, InsightStore insights, DigestStore digests, DigestBuilder builder,
                         InstantSource clock, HeroEditor hero, int shortList, int perEpisode) {
        this.episodes = episodes;
        this.insights = insights;
        this.digests = digests;
        this.builder = builder;
        this.clock = clock;
        this.hero = hero;
        this.shortList = shortList;
        this.perEpisode = perEpisode;
    }

    /**
     * Scores candidates through the vote layer {@code layer} gives (the one refitted on everyone's votes), read
     * anew for each digest; without it, or with the identity, scores are the judge's. Returns this service.
     */
    public DigestService layered(java.util.function.Supplier<dev.podsift.insight.VoteLayer> layer) {
        this.layer = layer;
        return this;
    }

    /** Compares the topics of a reader's votes in {@code space} (see {@link Taste}). Returns this service. */
    public DigestService topicSpace(java.util.function.UnaryOperator<float[]> space) {
        this.topicSpace = space;
        return this;
    }

    /**
     * A reader's taste from their votes (newest first), read now, starting from their written topics
     * ({@code topics}: its embedding, or null).
     */
    public Taste taste(List<dev.podsift.store.StoredVote> votes, float[] topics) {
        return Taste.of(votes, topics, clock.instant(), topicSpace);
    }

    /** The digest's items and, when the hero tier ran, its report. */
    public record Outcome(List<DigestItem> items, HeroEditor.Report hero) {
    }

    /**
     * Makes the digest; with the hero tier, the episodes of the day's short list are read by the editor, best
     * first, one request each with that episode's top candidates (the same for every subscriber, so answers are
     * shared through the cache). Its judgement re-ranks the short list, its accepted rewrites replace the text,
     * quote and times, and only edited lessons are sent once there is one (a digest may be shorter for it); with
     * none (the model failed, the budget ran out) the digest is the workhorse's.
     */
    public Outcome makeWithHero(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics, int top)
            throws StoreException {
        return makeWithHero(subscriber, podcasts, since, topics, Taste.NONE, top);
    }

    /** The same, moved by the reader's {@code taste}. */
    public Outcome makeWithHero(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics,
                                Taste taste, int top) throws StoreException {
        if (hero == null) {
            return new Outcome(make(subscriber, podcasts, since, topics, taste, top), null);
        }
        List<DigestItem> list = make(subscriber, podcasts, since, topics, taste, Math.max(top, shortList));
        Map<Long, EpisodeRef> order = new LinkedHashMap<>();
        for (DigestItem item : list) {
            order.putIfAbsent(item.insight().episode().episodeId(), item.insight().episode());
        }
        List<HeroEditor.Batch> batches = new ArrayList<>();
        for (Map.Entry<Long, EpisodeRef> e : order.entrySet()) {
            batches.add(batch(e.getKey(), e.getValue()));
        }
        HeroEditor.Result edited = hero.edit(batches);
        List<DigestItem> lessons = new ArrayList<>();
        List<DigestItem> spoken = new ArrayList<>();
        for (DigestItem item : list) {
            HeroEditor.Edit e = edited.edits().get(item.insight().id());
            if (e == null) {
                spoken.add(item);
                continue;
            }
            StoredInsight s = item.insight();
            var in = s.insight();
            StoredInsight text = new StoredInsight(s.id(), s.episode(), s.podcastId(), new Insight(e.text(), e.quote(),
                    e.startSeconds(), e.endSeconds(), in.score(), in.speaker(), in.embedding()));
            DigestItem rescored = item.with(text, e.rank(item.score()));
            if (e.keep()) {
                (e.rewritten() ? lessons : spoken).add(rescored);
            }
        }
        // What the editor called no lesson or a repeat is never sent. Once it has edited any lesson, passages left as
        // spoken (a rewrite that failed grounding, an episode it did not read) are not sent either: readers keep
        // almost none of them. The digest may be shorter for it; with no edited lesson it is the workhorse's.
        return new Outcome(builder.pick(lessons.isEmpty() ? spoken : lessons, top), edited.report());
    }

    /** One episode's top candidates for the editor, best first, with its transcript when it is stored. */
    private HeroEditor.Batch batch(long episodeId, EpisodeRef ref) throws StoreException {
        List<StoredInsight> of = new ArrayList<>(insights.forEpisodes(Set.of(episodeId)));
        of.sort(Comparator.comparingDouble((StoredInsight s) -> s.insight().score()).reversed()
                .thenComparingDouble(s -> s.insight().startSeconds()));
        List<HeroEditor.Candidate> candidates = new ArrayList<>();
        for (StoredInsight s : of.subList(0, Math.min(perEpisode, of.size()))) {
            var in = s.insight();
            candidates.add(new HeroEditor.Candidate(s.id(), in.text(), in.quote(), in.startSeconds(), in.endSeconds()));
        }
        return HeroEditor.Batch.of(ref.podcast(), ref.episode(), episodes.transcript(episodeId).orElse(null),
                candidates);
    }

    public List<DigestItem> make(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics,
                                 int top) throws StoreException {
        return make(subscriber, podcasts, since, topics, Taste.NONE, top);
    }

    public List<DigestItem> make(String subscriber, List<StoredPodcast> podcasts, Instant since, float[] topics,
                                 Taste taste, int top) throws StoreException {
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
        List<StoredInsight> candidates = rescored(insights.forEpisodes(episodeIds));
        List<StoredInsight> delivered = since == null ? insights.deliveredSince(subscriber, now.minus(NOVELTY))
                : List.of();
        return builder.build(candidates, delivered, topics, taste.votes() == 0 ? taste
                : taste.among(recent(podcasts, episodeIds, now)), top);
    }

    /** The embeddings of the insights of {@code podcasts}' episodes analysed in the last 30 days and of {@code also}. */
    private List<float[]> recent(List<StoredPodcast> podcasts, Set<Long> also, Instant now) throws StoreException {
        Set<Long> ids = new HashSet<>(also);
        for (StoredPodcast p : podcasts) {
            for (StoredEpisode e : episodes.analyzedSeenSince(p.id(), now.minus(NOVELTY))) {
                if (e.stage() == dev.podsift.model.Stage.ANALYZED) {
                    ids.add(e.id());
                }
            }
        }
        List<float[]> out = new ArrayList<>();
        for (StoredInsight i : insights.forEpisodes(ids)) {
            out.add(i.insight().embedding());
        }
        return out;
    }

    /** The candidates with their scores through the vote layer in use (unchanged with the identity). */
    private List<StoredInsight> rescored(List<StoredInsight> candidates) {
        dev.podsift.insight.VoteLayer l = layer.get();
        if (l == dev.podsift.insight.VoteLayer.IDENTITY) {
            return candidates;
        }
        List<StoredInsight> out = new ArrayList<>(candidates.size());
        for (StoredInsight s : candidates) {
            var in = s.insight();
            out.add(new StoredInsight(s.id(), s.episode(), s.podcastId(), new Insight(in.text(), in.quote(),
                    in.startSeconds(), in.endSeconds(), l.apply(in.score(), in.text(), in.embedding()), in.speaker(),
                    in.embedding())));
        }
        return out;
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

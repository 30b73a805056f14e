package dev.podsift.eval;

import dev.podsift.digest.DigestBuilder;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.RankingPolicy;
import dev.podsift.digest.Taste;
import dev.podsift.insight.Embedder;
import dev.podsift.insight.Kind;
import dev.podsift.learn.TopicSpace;
import dev.podsift.learn.VerdictBase;
import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.StoredVote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulated readers with hidden tastes, over days of real episodes: does the digest learn what each one keeps?
 * The candidates are the passages readers judged (the verdict base: real picks of real episodes, with the judge's
 * score as their quality), grouped by episode, a few episodes a day. Their embeddings are clustered into 8 topics;
 * each simulated reader likes 2 of them and dislikes one {@link Kind}, and votes on each of their 5 picks by that
 * hidden taste, with a share of votes flipped at random. Half the readers also wrote topics: the three words that
 * best tell each liked cluster from the rest, embedded as the service embeds written topics. Each day is built with
 * the service's own {@link DigestBuilder} and {@link Taste}; a reader matches when a pick is in a liked topic and not
 * of the disliked kind. Readers who never vote are built alongside, to show their digest does not move.
 */
public final class TasteSimulation {
    /** The size of a run. {@code heldBack}: whether the days are held-back episodes or trained-on ones. */
    public record Settings(int readers, int days, int episodesPerDay, double noise, long seed, boolean heldBack) {
        public static Settings full(long seed) {
            return new Settings(50, 14, 4, 0.2, seed, true);
        }
    }

    /** The share of picks matching the hidden taste, per day, for readers with and without written topics. */
    public record Report(Settings settings, int episodes, int candidates, double[] withTopics,
                         double[] withoutTopics, int neverVotersMoved, List<LastDay> lastDay) {
        public double first(boolean topics) {
            return (topics ? withTopics : withoutTopics)[0];
        }

        public double last(boolean topics) {
            double[] d = topics ? withTopics : withoutTopics;
            return d[d.length - 1];
        }

        /** Both groups together. */
        public double gain() {
            return (last(true) + last(false) - first(true) - first(false)) / 2;
        }
    }

    /**
     * One reader's last digest: the texts it picked with their votes' taste and the texts the same day would have
     * given without it (for a blind panel on what the taste costs in quality).
     */
    public record LastDay(int reader, List<String> withTaste, List<String> without) {
    }

    static final int TOPICS = 8;
    private static final Kind[] DISLIKED = {Kind.STORY, Kind.ADVICE, Kind.CLAIM};

    private final List<VerdictBase.Row> rows;
    private final Embedder embedder;

    public TasteSimulation(List<VerdictBase.Row> rows, Embedder embedder) {
        this.rows = rows;
        this.embedder = embedder;
    }

    private record Reader(int first, int second, Kind disliked, float[] topics, List<StoredVote> votes,
                          List<StoredInsight> delivered) {
        boolean matches(int topic, Kind kind) {
            return (topic == first || topic == second) && kind != disliked;
        }
    }

    public Report run(Settings s) {
        Random random = new Random(s.seed());
        Map<String, List<Integer>> byEpisode = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).heldBack() == s.heldBack()) {
                byEpisode.computeIfAbsent(rows.get(i).transcript(), k -> new ArrayList<>()).add(i);
            }
        }
        List<String> episodes = new ArrayList<>(byEpisode.keySet());
        java.util.Collections.shuffle(episodes, random);
        int needed = s.days() * s.episodesPerDay();
        if (episodes.size() < needed) {
            throw new IllegalArgumentException(needed + " episodes needed, " + episodes.size() + " available");
        }
        List<Integer> pool = new ArrayList<>();
        for (String e : episodes.subList(0, needed)) {
            pool.addAll(byEpisode.get(e));
        }
        int[] topic = Topics.cluster(rows, pool, TOPICS, random);
        Kind[] kinds = new Kind[rows.size()];
        List<StoredInsight> insights = new ArrayList<>();
        Map<String, Long> shows = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            VerdictBase.Row r = rows.get(i);
            kinds[i] = Kind.of(r.text());
            // the base keeps no times: an episode's judged passages are taken as ten minutes apart (they were
            // distinct picks), so only likeness decides what the builder merges
            double at = 600.0 * seen.merge(r.transcript(), 1, Integer::sum);
            long show = shows.computeIfAbsent(r.show(), k -> (long) shows.size() + 1);
            insights.add(new StoredInsight(i, new EpisodeRef(episodes.indexOf(r.transcript()) + 1L, r.show(),
                    r.transcript(), null, null), show, new Insight(r.text(), r.text(), at, at + 30, r.judge(), null,
                    r.embedding())));
        }
        List<Reader> readers = new ArrayList<>();
        List<String> topicTexts = new ArrayList<>();
        int[][] tastes = new int[s.readers()][];
        for (int k = 0; k < s.readers(); k++) {
            int a = random.nextInt(TOPICS);
            int b = (a + 1 + random.nextInt(TOPICS - 1)) % TOPICS;
            tastes[k] = new int[] {a, b, random.nextInt(DISLIKED.length)};
            topicTexts.add(Topics.words(rows, pool, topic, a) + ", " + Topics.words(rows, pool, topic, b));
        }
        float[][] written = embedder.embed(topicTexts);
        for (int k = 0; k < s.readers(); k++) {
            readers.add(new Reader(tastes[k][0], tastes[k][1], DISLIKED[tastes[k][2]], k % 2 == 0 ? written[k] : null,
                    new ArrayList<>(), new ArrayList<>()));
        }
        DigestBuilder builder = new DigestBuilder(RankingPolicy.defaults());
        // the topic space is built from trained-on passages of other episodes than these days', as it is for
        // held-back days: a space that had grouped these very passages would tell their topics apart more easily
        // than the service can tell those of new episodes
        java.util.Set<String> days = new java.util.HashSet<>(episodes.subList(0, needed));
        java.util.function.UnaryOperator<float[]> space = TopicSpace.of(rows.stream()
                .filter(r -> !days.contains(r.transcript())).toList());
        double[] with = new double[s.days()];
        double[] without = new double[s.days()];
        int moved = 0;
        List<LastDay> lastDay = new ArrayList<>();
        Instant start = Instant.parse("2026-01-05T07:00:00Z");
        List<float[]> recent = new ArrayList<>();
        for (int day = 0; day < s.days(); day++) {
            Instant now = start.plus(Duration.ofDays(day));
            List<StoredInsight> candidates = new ArrayList<>();
            for (String e : episodes.subList(day * s.episodesPerDay(), (day + 1) * s.episodesPerDay())) {
                for (int i : byEpisode.get(e)) {
                    candidates.add(insights.get(i));
                }
            }
            // what the service groups a reader's taste among: the insights of their shows' recent episodes
            for (StoredInsight c : candidates) {
                recent.add(c.insight().embedding());
            }
            int[] n = new int[2];
            for (Reader r : readers) {
                boolean last = day == s.days() - 1;
                List<StoredVote> newest = new ArrayList<>(r.votes());
                java.util.Collections.reverse(newest);
                List<DigestItem> picks = builder.build(candidates, r.delivered(), r.topics(),
                        Taste.of(newest, r.topics(), now, space).among(recent), 5);
                List<DigestItem> unmoved = builder.build(candidates, r.delivered(), r.topics(), 5);
                int matched = 0;
                for (DigestItem item : picks) {
                    int i = (int) item.insight().id();
                    boolean match = r.matches(topic[i], kinds[i]);
                    matched += match ? 1 : 0;
                    boolean up = match != random.nextDouble() < s.noise();
                    String reason = !up && !r.matches(topic[i], Kind.CLAIM == r.disliked() ? Kind.STORY : Kind.CLAIM)
                            && random.nextBoolean() ? "topic" : null;
                    r.votes().add(new StoredVote(0, i, item.insight().podcastId(), item.insight().episode().podcast(),
                            rows.get(i).text(), rows.get(i).embedding(), rows.get(i).judge(), up ? 1 : -1, reason, now));
                    r.delivered().add(item.insight());
                }
                // what the same reader would get had they never voted: no vote, no preference, nothing moves
                if (!sameOrder(unmoved, builder.build(candidates, r.delivered().subList(0, r.delivered().size()
                        - picks.size()), r.topics(), Taste.NONE, 5))) {
                    moved++;
                }
                if (last) {
                    lastDay.add(new LastDay(readers.indexOf(r), picks.stream().map(i -> i.insight().insight().text())
                            .toList(), unmoved.stream().map(i -> i.insight().insight().text()).toList()));
                }
                double share = picks.isEmpty() ? 0 : matched / (double) picks.size();
                if (r.topics() != null) {
                    with[day] += share;
                    n[0]++;
                } else {
                    without[day] += share;
                    n[1]++;
                }
            }
            with[day] /= Math.max(1, n[0]);
            without[day] /= Math.max(1, n[1]);
        }
        return new Report(s, needed, pool.size(), with, without, moved, lastDay);
    }

    private static boolean sameOrder(List<DigestItem> a, List<DigestItem> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).insight().id() != b.get(i).insight().id() || a.get(i).score() != b.get(i).score()) {
                return false;
            }
        }
        return true;
    }
}

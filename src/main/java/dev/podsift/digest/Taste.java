package dev.podsift.digest;

import dev.podsift.insight.Kind;
import dev.podsift.insight.Vectors;
import dev.podsift.store.StoredVote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One reader's taste, learned from their 👍/👎 at digest time (so a vote arriving while a digest is built is read by
 * the next one, never lost or counted twice). Three parts:
 * <ul>
 *   <li>topic: how much closer the insight is to the passages they liked than to those they did not (the mean
 *   likeness of the {@link #NEIGHBOURS} nearest of each, in a topic space: the main directions along which judged
 *   passages differ, so the likeness all podcast talk shares does not drown what sets topics apart);</li>
 *   <li>kind ({@link Kind}) and show: a logistic regression of the votes on them, with an intercept (the reader's
 *   overall rate, left out of the preference) and L2 penalties that keep a few votes from saying much.</li>
 * </ul>
 * A 👎 saying "not my topic" teaches topic and show only; one saying the pick was obvious, needed context, was hard
 * to read or wrong teaches kind only (it says nothing of the topic); "more like this" counts twice for topic.
 *
 * <p>Its influence is bounded: the preference is at most ±{@link #WEIGHT} on an item's score (quality is a probability
 * 0–1), scaled by {@code n / (n + RAMP)} for {@code n} votes, so three votes move a score by at most 0.19. The per-show
 * cap and the same-idea merging of {@link DigestBuilder} apply after it. With no votes it is exactly 0: a reader who
 * never votes gets the digest they got before.
 */
public final class Taste {
    /** The most the preference adds to or takes from an item's score. */
    public static final double WEIGHT = 0.5;
    /** Votes at which the preference reaches half its weight. */
    static final double RAMP = 5;
    static final int NEIGHBOURS = 8;
    static final double TOPIC_SCALE = 10;
    static final double KIND_L2 = 0.02;
    static final double SHOW_L2 = 0.2;
    static final int STEPS = 300;
    static final double RATE = 2;
    /** How many of the newest votes are read. */
    public static final int MAX_VOTES = 300;

    /** The reasons a 👎 may carry, as stored, and what a reader clicks. */
    public static final Map<String, String> REASONS = reasons();
    /** The reason a "more like this" is stored with (a 👍 that counts twice for topic). */
    public static final String MORE = "more";
    private static final Set<String> QUALITY_REASONS = Set.of("obvious", "context", "hard", "wrong");

    private static boolean teachesTopic(StoredVote v) {
        return v.reason() == null || !QUALITY_REASONS.contains(v.reason());
    }

    private static boolean teachesKind(StoredVote v) {
        return v.reason() == null || !"topic".equals(v.reason());
    }

    /** What the taste says of one insight: the score added (±{@link #WEIGHT} at most) and why, or null. */
    public record Part(double value, String why) {
        static final Part NONE = new Part(0, null);
    }

    /** The taste of a reader who has not voted. */
    public static final Taste NONE = new Taste(List.of(), Instant.EPOCH, v -> v);

    private final List<StoredVote> votes;
    private final Kind[] voteKinds;
    private final float[][] placed;
    private final Instant now;
    private final UnaryOperator<float[]> space;
    private final double[] kindWeights = new double[Kind.values().length];
    private final Map<Long, Double> showWeights = new HashMap<>();

    private Taste(List<StoredVote> votes, Instant now, UnaryOperator<float[]> space) {
        this.votes = votes;
        this.now = now;
        this.space = space;
        this.voteKinds = new Kind[votes.size()];
        this.placed = new float[votes.size()][];
        for (int i = 0; i < votes.size(); i++) {
            voteKinds[i] = Kind.of(votes.get(i).text());
            placed[i] = space.apply(votes.get(i).embedding());
        }
        if (!votes.isEmpty()) {
            fit();
        }
    }

    /** The kind and show weights: full-batch gradient descent from zero; a reason limits what its vote teaches. */
    private void fit() {
        int n = votes.size();
        List<Long> showIds = new ArrayList<>();
        for (StoredVote v : votes) {
            if (!showIds.contains(v.podcastId())) {
                showIds.add(v.podcastId());
            }
        }
        double[] shows = new double[showIds.size()];
        double bias = 0;
        for (int step = 0; step < STEPS; step++) {
            double[] gKind = new double[kindWeights.length];
            double[] gShow = new double[shows.length];
            double gBias = 0;
            for (int i = 0; i < n; i++) {
                StoredVote v = votes.get(i);
                boolean topic = teachesTopic(v);
                boolean kind = teachesKind(v);
                int show = showIds.indexOf(v.podcastId());
                double z = bias + (kind ? kindWeights[voteKinds[i].ordinal()] : 0) + (topic ? shows[show] : 0);
                double err = (1 / (1 + Math.exp(-z)) - (v.vote() > 0 ? 1 : 0)) / n;
                gBias += err;
                if (kind) {
                    gKind[voteKinds[i].ordinal()] += err;
                }
                if (topic) {
                    gShow[show] += err;
                }
            }
            bias -= RATE * gBias;
            for (int k = 0; k < kindWeights.length; k++) {
                kindWeights[k] -= RATE * (gKind[k] + KIND_L2 * kindWeights[k]);
            }
            for (int k = 0; k < shows.length; k++) {
                shows[k] -= RATE * (gShow[k] + SHOW_L2 * shows[k]);
            }
        }
        for (int k = 0; k < shows.length; k++) {
            showWeights.put(showIds.get(k), shows[k]);
        }
    }

    /**
     * The topic part: the mean likeness (in the topic space) of the nearest liked passages minus that of the nearest
     * disliked ones; a "more like this" counts as two liked.
     */
    private double topic(float[] at) {
        PriorityQueue<Double> up = new PriorityQueue<>();
        PriorityQueue<Double> down = new PriorityQueue<>();
        for (int i = 0; i < votes.size(); i++) {
            StoredVote v = votes.get(i);
            if (!teachesTopic(v)) {
                continue;
            }
            double like = Vectors.dot(at, placed[i]);
            PriorityQueue<Double> q = v.vote() > 0 ? up : down;
            for (int copies = MORE.equals(v.reason()) ? 2 : 1; copies > 0; copies--) {
                q.add(like);
                if (q.size() > NEIGHBOURS) {
                    q.poll();
                }
            }
        }
        if (up.isEmpty() || down.isEmpty()) {
            // one side only: closeness to it alone, against the likeness of unrelated passages (about 0)
            return TOPIC_SCALE * (up.isEmpty() ? -mean(down) : mean(up)) / 2;
        }
        return TOPIC_SCALE * (mean(up) - mean(down));
    }

    private static double mean(PriorityQueue<Double> q) {
        return q.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    /** The taste learned from {@code votes} (newest first), with likeness read in the raw embedding space. */
    public static Taste of(List<StoredVote> votes, Instant now) {
        return of(votes, now, v -> v);
    }

    /**
     * The taste learned from {@code votes} (newest first; only the newest {@link #MAX_VOTES} are read), comparing
     * topics after {@code space} (a projection that returns unit vectors).
     */
    public static Taste of(List<StoredVote> votes, Instant now, UnaryOperator<float[]> space) {
        return votes.isEmpty() ? NONE
                : new Taste(List.copyOf(votes.subList(0, Math.min(MAX_VOTES, votes.size()))), now, space);
    }

    public int votes() {
        return votes.size();
    }

    /** The preference for an insight of show {@code podcastId}, with embedding {@code v} and text {@code text}. */
    public Part at(long podcastId, float[] v, String text) {
        if (votes.isEmpty()) {
            return Part.NONE;
        }
        Kind kind = Kind.of(text);
        double topic = topic(space.apply(v));
        double byKind = kindWeights[kind.ordinal()];
        double byShow = showWeights.getOrDefault(podcastId, 0.0);
        double pref = Math.tanh((topic + byKind + byShow) / 2);
        double value = WEIGHT * votes.size() / (votes.size() + RAMP) * pref;
        return new Part(value, value > 0.01 ? why(v, topic, byKind, byShow, kind, podcastId, text) : null);
    }

    /** The largest positive part, in a reader's words: "You liked 4 insights on pricing this month". */
    private String why(float[] v, double topic, double byKind, double byShow, Kind kind, long podcastId,
                       String text) {
        Instant month = now.minus(Duration.ofDays(30));
        double t = topic;
        double k = byKind;
        double s = byShow;
        if (t >= k && t >= s) {
            List<StoredVote> near = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                StoredVote o = votes.get(i);
                if (o.vote() > 0 && Vectors.dot(v, o.embedding()) >= 0.45 && o.at().isAfter(month)) {
                    near.add(o);
                }
            }
            if (!near.isEmpty()) {
                String word = Words.shared(text, near.stream().map(StoredVote::text).toList());
                return "You liked " + count(near.size()) + (word == null ? " like this" : " on " + word)
                        + " this month";
            }
        }
        if (k >= s) {
            long liked = 0;
            for (int i = 0; i < votes.size(); i++) {
                if (votes.get(i).vote() > 0 && voteKinds[i] == kind && votes.get(i).at().isAfter(month)) {
                    liked++;
                }
            }
            if (liked > 0) {
                return "You liked " + count(liked) + " of this kind (" + kind.plural() + ") this month";
            }
        }
        List<StoredVote> fromShow = votes.stream().filter(o -> o.vote() > 0 && o.podcastId() == podcastId
                && o.at().isAfter(month)).toList();
        return fromShow.isEmpty() ? null
                : "You liked " + count(fromShow.size()) + " from " + fromShow.get(0).podcast() + " this month";
    }

    private static String count(long n) {
        return n == 1 ? "1 insight" : n + " insights";
    }

    private static Map<String, String> reasons() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("topic", "Not my topic");
        m.put("obvious", "Too obvious");
        m.put("context", "Needs context");
        m.put("hard", "Hard to read");
        m.put("wrong", "Wrong");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** A reason's label as a reader clicks it, or the reason itself. */
    public static String label(String reason) {
        return reason == null ? "" : REASONS.getOrDefault(reason.toLowerCase(Locale.ROOT), reason);
    }
}

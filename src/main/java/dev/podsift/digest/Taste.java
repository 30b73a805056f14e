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
import java.util.Set;

/**
 * One reader's taste, learned from their 👍/👎 at digest time (so a vote arriving while a digest is built is read by
 * the next one, never lost or counted twice). Three parts, each centred on the reader's average vote so a reader who
 * dislikes most picks still learns what they like best:
 * <ul>
 *   <li>topic: the votes on insights close to this one (an embedding kernel: likeness {@code l} weighs
 *   {@code exp((l - 1) / KERNEL)}), averaged with a prior of {@link #PRIOR_MASS} neutral votes;</li>
 *   <li>kind ({@link Kind}): the average vote on insights of the same kind, with a prior of 3 neutral votes;</li>
 *   <li>show: the same per show, with a prior of 5.</li>
 * </ul>
 * A 👎 saying "not my topic" teaches topic and show only; one saying the pick was obvious, needed context, was hard
 * to read or wrong teaches kind only (it says nothing of the topic); "more like this" counts twice for topic.
 *
 * <p>Its influence is bounded: the preference is at most ±{@link #WEIGHT} on an item's score (quality is a probability
 * 0–1), scaled by {@code n / (n + RAMP)} for {@code n} votes, so three votes move a score by at most 0.07. The per-show
 * cap and the same-idea merging of {@link DigestBuilder} apply after it. With no votes it is exactly 0: a reader who
 * never votes gets the digest they got before.
 */
public final class Taste {
    /** The most the preference adds to or takes from an item's score. */
    public static final double WEIGHT = 0.3;
    /** Votes at which the preference reaches half its weight. */
    static final double RAMP = 10;
    static final double KERNEL = 0.12;
    static final double PRIOR_MASS = 0.3;
    static final double TOPIC = 0.6;
    static final double KIND = 0.3;
    static final double SHOW = 0.1;
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

    private static double topicWeight(StoredVote v) {
        return MORE.equals(v.reason()) ? 2 : 1;
    }

    /** What the taste says of one insight: the score added (±{@link #WEIGHT} at most) and why, or null. */
    public record Part(double value, String why) {
        static final Part NONE = new Part(0, null);
    }

    /** The taste of a reader who has not voted. */
    public static final Taste NONE = new Taste(List.of(), Instant.EPOCH);

    private final List<StoredVote> votes;
    private final Kind[] voteKinds;
    private final Instant now;
    private final double mean;
    private final Map<Kind, double[]> kinds = new HashMap<>();
    private final Map<Long, double[]> shows = new HashMap<>();

    private Taste(List<StoredVote> votes, Instant now) {
        this.votes = votes;
        this.now = now;
        this.mean = votes.stream().mapToInt(StoredVote::vote).average().orElse(0);
        this.voteKinds = new Kind[votes.size()];
        for (int i = 0; i < votes.size(); i++) {
            StoredVote v = votes.get(i);
            voteKinds[i] = Kind.of(v.text());
            if (teachesKind(v)) {
                double[] k = kinds.computeIfAbsent(voteKinds[i], x -> new double[2]);
                k[0] += v.vote() - mean;
                k[1]++;
            }
            if (teachesTopic(v)) {
                double[] s = shows.computeIfAbsent(v.podcastId(), x -> new double[2]);
                s[0] += v.vote() - mean;
                s[1]++;
            }
        }
    }

    /** The taste learned from {@code votes} (newest first; only the newest {@link #MAX_VOTES} are read). */
    public static Taste of(List<StoredVote> votes, Instant now) {
        return votes.isEmpty() ? NONE : new Taste(List.copyOf(votes.subList(0, Math.min(MAX_VOTES, votes.size()))), now);
    }

    public int votes() {
        return votes.size();
    }

    /** The preference for an insight of show {@code podcastId}, with embedding {@code v} and text {@code text}. */
    public Part at(long podcastId, float[] v, String text) {
        if (votes.isEmpty()) {
            return Part.NONE;
        }
        double sum = 0;
        double mass = PRIOR_MASS;
        double[] like = new double[votes.size()];
        for (int i = 0; i < votes.size(); i++) {
            StoredVote o = votes.get(i);
            like[i] = Vectors.dot(v, o.embedding());
            if (teachesTopic(o)) {
                double k = Math.exp((like[i] - 1) / KERNEL) * topicWeight(o);
                sum += k * (o.vote() - mean);
                mass += k;
            }
        }
        double topic = sum / mass;
        Kind kind = Kind.of(text);
        double[] k = kinds.get(kind);
        double byKind = k == null ? 0 : k[0] / (k[1] + 3);
        double[] s = shows.get(podcastId);
        double byShow = s == null ? 0 : s[0] / (s[1] + 5);
        double pref = Math.max(-1, Math.min(1, TOPIC * topic + KIND * byKind + SHOW * byShow));
        double value = WEIGHT * votes.size() / (votes.size() + RAMP) * pref;
        return new Part(value, value > 0.01 ? why(like, topic, byKind, byShow, kind, podcastId, text) : null);
    }

    /** The largest positive part, in a reader's words: "You liked 4 insights on pricing this month". */
    private String why(double[] like, double topic, double byKind, double byShow, Kind kind, long podcastId,
                       String text) {
        Instant month = now.minus(Duration.ofDays(30));
        double t = TOPIC * topic;
        double k = KIND * byKind;
        double s = SHOW * byShow;
        if (t >= k && t >= s) {
            List<StoredVote> near = new ArrayList<>();
            for (int i = 0; i < votes.size(); i++) {
                StoredVote o = votes.get(i);
                if (o.vote() > 0 && like[i] >= 0.45 && o.at().isAfter(month)) {
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

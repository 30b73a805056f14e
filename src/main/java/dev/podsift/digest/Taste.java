package dev.podsift.digest;

import dev.podsift.insight.Kind;
import dev.podsift.insight.Vectors;
import dev.podsift.learn.TopicSpace;
import dev.podsift.store.StoredVote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One reader's taste, learned from their 👍/👎 at digest time (so a vote arriving while a digest is built is read by
 * the next one, never lost or counted twice). A 👍 is taken to need two things at once ({@link TasteModel}): an
 * insight on a topic the reader follows (its place in a topic space, the main directions along which judged passages
 * differ, so the likeness all podcast talk shares does not drown what sets topics apart, and its share in each of a
 * dozen topics, so two topics that lie apart can both be followed; read {@link #among} the reader's shows' recent
 * insights, also its share in a dozen groups of those; and its show), and of a kind
 * they want ({@link Kind}: story, framework, advice, evidence, observation). A 👎 saying "not my topic" teaches the
 * topic only; one saying the pick was obvious, needed context, was hard to read or wrong teaches the kind only; "more
 * like this" counts twice.
 *
 * <p>The preference compares the chance the reader likes an insight with the same chance over what they voted on
 * (log-odds, times {@link #SCALE}, through tanh). Its influence is bounded: at most ±{@link #WEIGHT} on an item's
 * score (quality is a probability 0–1), scaled by {@code n / (n + RAMP)} for {@code n} votes, so three votes move a
 * score by at most 0.19. The per-show cap and the same-idea merging of {@link DigestBuilder} apply after it. With no
 * votes it is exactly 0: a reader who never votes gets the digest they got before.
 */
public final class Taste {
    /** The most the preference adds to or takes from an item's score. */
    public static final double WEIGHT = 0.5;
    /** Votes at which the preference reaches half its weight. */
    static final double RAMP = 5;
    /** How sharply a difference in the chance of a 👍 becomes a preference. */
    static final double SCALE = 4;
    /** How many of the newest votes are read. */
    public static final int MAX_VOTES = 300;

    /** The reasons a 👎 may carry, as stored, and what a reader clicks. */
    public static final Map<String, String> REASONS = reasons();
    /** The reason a "more like this" is stored with (a 👍 that counts twice). */
    public static final String MORE = "more";
    private static final Set<String> QUALITY_REASONS = Set.of("obvious", "context", "hard", "wrong");

    /** What the taste says of one insight: the score added (±{@link #WEIGHT} at most) and why, or null. */
    public record Part(double value, String why) {
        static final Part NONE = new Part(0, null);
    }

    /** The taste of a reader who has not voted. */
    public static final Taste NONE = new Taste(List.of(), null, Instant.EPOCH, v -> v, v -> v);

    private final List<StoredVote> votes;
    private final Kind[] voteKinds;
    private final float[] topics;
    private final Instant now;
    /** Where topics are compared before the digest's own topics are added (the written topics' start lives here). */
    private final UnaryOperator<float[]> base;
    private final UnaryOperator<float[]> space;
    private final TasteModel model;
    /** The log-odds of a 👍 averaged over the insights voted on: what "as much as usual" means for this reader. */
    private final double usual;

    private Taste(List<StoredVote> votes, float[] topics, Instant now, UnaryOperator<float[]> base,
                  UnaryOperator<float[]> space) {
        this.votes = votes;
        this.topics = topics;
        this.now = now;
        this.base = base;
        this.space = space;
        this.voteKinds = new Kind[votes.size()];
        if (votes.isEmpty()) {
            model = null;
            usual = 0;
            return;
        }
        float[][] placed = new float[votes.size()][];
        List<TasteModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < votes.size(); i++) {
            StoredVote v = votes.get(i);
            voteKinds[i] = Kind.of(v.text());
            placed[i] = space.apply(v.embedding());
            boolean quality = v.reason() != null && QUALITY_REASONS.contains(v.reason());
            examples.add(new TasteModel.Example(placed[i], voteKinds[i].ordinal(), v.podcastId(), v.vote() > 0,
                    "topic".equals(v.reason()), quality, MORE.equals(v.reason()) ? 2 : 1));
        }
        // the written topics lean the topic space's weights; the digest's own topics start from nothing
        model = TasteModel.fit(examples, topics == null ? null
                : java.util.Arrays.copyOf(base.apply(topics), placed[0].length), placed[0].length,
                Kind.values().length);
        double sum = 0;
        for (int i = 0; i < votes.size(); i++) {
            sum += model.likes(placed[i], votes.get(i).podcastId(), voteKinds[i].ordinal());
        }
        usual = logit(sum / votes.size());
    }

    private static double logit(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }

    /** The taste learned from {@code votes} (newest first), with likeness read in the raw embedding space. */
    public static Taste of(List<StoredVote> votes, Instant now) {
        return of(votes, null, now, v -> v);
    }

    /**
     * The taste learned from {@code votes} (newest first; only the newest {@link #MAX_VOTES} are read), comparing
     * topics after {@code space} (a projection that returns unit vectors), starting from the reader's written
     * {@code topics} (their embedding; null when none): before their votes say otherwise, an insight near what they
     * wrote is taken to be on a topic they follow.
     */
    public static Taste of(List<StoredVote> votes, float[] topics, Instant now, UnaryOperator<float[]> space) {
        return votes.isEmpty() ? NONE
                : new Taste(List.copyOf(votes.subList(0, Math.min(MAX_VOTES, votes.size()))), topics, now, space,
                        space);
    }

    /**
     * This taste read among {@code recent} insights of the reader's shows (their embeddings; the service passes those
     * of the last {@code 30} days): the topic space gains each insight's share in a dozen groups of them
     * ({@link TopicSpace#groupedBy}) and the taste is fitted again there, so the topics a reader follows are told
     * apart as their shows talk now, not only as the verdict base did. The same taste when there are no votes.
     */
    public Taste among(List<float[]> recent) {
        return votes.isEmpty() ? this : new Taste(votes, topics, now, base, TopicSpace.groupedBy(base, recent));
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
        float[] place = space.apply(v);
        double pref = Math.tanh(SCALE * (logit(model.likes(place, podcastId, kind.ordinal())) - usual) / 2);
        double value = WEIGHT * votes.size() / (votes.size() + RAMP) * pref;
        return new Part(value, value > 0.01 ? why(v, model.topicPart(place), model.kindPart(kind.ordinal()),
                model.showPart(podcastId), kind, podcastId, text) : null);
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

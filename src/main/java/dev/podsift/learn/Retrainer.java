package dev.podsift.learn;

import dev.podsift.insight.VoteLayer;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredVote;
import dev.podsift.store.SubscriberStore;
import dev.podsift.store.VoteLayerStore;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Refits the vote layer from the reader verdicts (the bundled base's trained-on episodes) plus everyone's votes,
 * and adopts it only if it scores at least as well as the layer in use on the held-back episodes' verdicts. A vote
 * counts as one reader's verdict on the insight (👍 or "more like this" kept, 👎 not), except a 👎 saying "not my
 * topic", which speaks of one reader's taste, not of the insight; each reader's votes together weigh at most
 * {@link #PER_READER} verdicts, so one heavy voter cannot steer everyone's digest. It runs only once
 * {@link #MIN_VOTES} votes from {@link #MIN_READERS} readers arrived since the last refit (unless forced), so an
 * installation nobody votes on keeps the judge's scores as they are. Every refit is recorded, adopted or refused.
 */
public final class Retrainer {
    static final int PER_READER = 50;
    public static final int MIN_VOTES = 50;
    public static final int MIN_READERS = 3;
    /** How far back votes are read. */
    static final Duration WINDOW = Duration.ofDays(365);

    /** What one run did: adopted, refused or skipped, the held-back losses (in use, refitted) and why. */
    public record Outcome(String state, double currentLoss, double candidateLoss, int votes, int readers,
                          String note) {
    }

    private final SubscriberStore subscribers;
    private final VoteLayerStore layers;
    private final List<VerdictBase.Row> base;
    private final InstantSource clock;
    private final Consumer<String> log;

    public Retrainer(SubscriberStore subscribers, VoteLayerStore layers, List<VerdictBase.Row> base,
                     InstantSource clock, Consumer<String> log) {
        this.subscribers = subscribers;
        this.layers = layers;
        this.base = base;
        this.clock = clock;
        this.log = log;
    }

    public Outcome run(boolean force) throws StoreException {
        if (base.isEmpty()) {
            return new Outcome("skipped", 0, 0, 0, 0, "no verdict base is bundled");
        }
        // counted first: a day without enough new votes reads no vote (their embeddings are the bulk)
        var since = layers.lastRefit();
        int[] fresh = subscribers.voteCountSince(since.orElse(java.time.Instant.EPOCH).plusMillis(1));
        if (!force && (fresh[0] < MIN_VOTES || fresh[1] < MIN_READERS)) {
            return new Outcome("skipped", 0, 0, fresh[0], fresh[1], "waiting for " + MIN_VOTES + " new votes from "
                    + MIN_READERS + " readers (" + fresh[0] + " from " + fresh[1] + " so far)");
        }
        List<StoredVote> votes = subscribers.votesSince(clock.instant().minus(WINDOW));
        VoteLayer current = current();
        Decision d = decide(votes, current);
        int readers = (int) votes.stream().map(StoredVote::subscriberId).distinct().count();
        String note = String.format("%d votes from %d readers (%d as verdicts) and %d reader verdicts; held-back "
                        + "log-loss %.4f in use, %.4f refitted", votes.size(), readers, d.fromVotes(),
                d.fromVerdicts(), d.currentLoss(), d.candidateLoss());
        String state = d.adopt() ? VoteLayerStore.ADOPTED : VoteLayerStore.REFUSED;
        layers.record(state, d.candidate().json(), d.currentLoss(), d.candidateLoss(), votes.size(), readers, note);
        log.accept("retrain: " + state + ": " + note);
        return new Outcome(state, d.currentLoss(), d.candidateLoss(), votes.size(), readers, note);
    }

    /** A refit and the gate's figures: adopted when the refit's held-back loss is no worse than the current's. */
    record Decision(VoteLayer candidate, double currentLoss, double candidateLoss, int fromVotes, int fromVerdicts) {
        boolean adopt() {
            return candidateLoss <= currentLoss;
        }
    }

    /** Refits on the trained-on verdicts and {@code votes}, and judges it against {@code current} on held-back ones. */
    Decision decide(List<StoredVote> votes, VoteLayer current) {
        List<Refit.Example> training = new ArrayList<>();
        List<Refit.Example> heldBack = new ArrayList<>();
        List<float[]> trainedOn = new ArrayList<>();
        for (VerdictBase.Row r : base) {
            Refit.Example e = new Refit.Example(r.judge(), r.text(), r.embedding(), r.keep(), r.readers());
            (r.heldBack() ? heldBack : training).add(e);
            if (!r.heldBack()) {
                trainedOn.add(r.embedding());
            }
        }
        int verdicts = training.size();
        List<Refit.Example> fromVotes = examples(votes);
        training.addAll(fromVotes);
        VoteLayer candidate = Refit.fit(training, Refit.basis(trainedOn, Refit.COMPONENTS));
        return new Decision(candidate, Refit.loss(current, heldBack), Refit.loss(candidate, heldBack),
                fromVotes.size(), verdicts);
    }

    /** The layer in use (the identity when none was adopted). */
    VoteLayer current() throws StoreException {
        return layers.current().map(r -> VoteLayer.parse(r.model())).orElse(VoteLayer.IDENTITY);
    }

    /** Votes as verdicts: a reader's weight is shared among their votes, at most one each. */
    static List<Refit.Example> examples(List<StoredVote> votes) {
        Map<Long, Integer> perReader = new HashMap<>();
        for (StoredVote v : votes) {
            if (!"topic".equals(v.reason())) {
                perReader.merge(v.subscriberId(), 1, Integer::sum);
            }
        }
        List<Refit.Example> out = new ArrayList<>();
        for (StoredVote v : votes) {
            if ("topic".equals(v.reason())) {
                continue;
            }
            double weight = Math.min(1.0, PER_READER / (double) perReader.get(v.subscriberId()));
            out.add(new Refit.Example(v.score(), v.text(), v.embedding(), v.vote() > 0 ? 1 : 0, weight));
        }
        return out;
    }
}

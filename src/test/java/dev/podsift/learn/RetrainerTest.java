package dev.podsift.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.insight.VoteLayer;
import dev.podsift.store.StoredVote;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The retrain gate, on the bundled verdict base: votes that agree with readers make a layer the gate adopts; a
 * poisoned batch (every vote the opposite of what readers said) makes a worse one, which it refuses; one reader
 * voting that way thousands of times weighs no more than {@link Retrainer#PER_READER} verdicts and cannot; a
 * "not my topic" 👎 is no verdict at all.
 */
class RetrainerTest {
    private static final List<VerdictBase.Row> BASE = VerdictBase.bundled();
    private final Retrainer retrainer = new Retrainer(null, null, BASE, Instant::now, line -> { });

    /** One vote per trained-on judged passage, by {@code readers} readers in turn, {@code inverted} or not. */
    private static List<StoredVote> votes(int readers, boolean inverted) {
        List<StoredVote> out = new ArrayList<>();
        int k = 0;
        for (VerdictBase.Row r : BASE) {
            if (r.heldBack() || r.keep() == 0.5) {
                continue;
            }
            boolean kept = r.keep() > 0.5;
            out.add(new StoredVote(1 + k % readers, k, 1, r.show(), r.text(), r.embedding(), r.judge(),
                    kept != inverted ? 1 : -1, null, Instant.EPOCH));
            k++;
        }
        return out;
    }

    @Test
    void votesThatAgreeWithReadersAreAdopted() {
        Retrainer.Decision d = retrainer.decide(votes(60, false), VoteLayer.IDENTITY);
        assertTrue(d.adopt(), d.toString());
        assertTrue(d.fromVotes() > 2000, "votes became verdicts: " + d.fromVotes());
    }

    @Test
    void aPoisonedBatchIsRefused() {
        Retrainer.Decision d = retrainer.decide(votes(60, true), VoteLayer.IDENTITY);
        assertFalse(d.adopt(), "every vote inverted: " + d.currentLoss() + " in use, " + d.candidateLoss() + " refitted");
        assertTrue(d.candidateLoss() > d.currentLoss() + 0.005, "clearly worse: " + d);
    }

    @Test
    void oneHeavyVoterIsCapped() {
        List<StoredVote> one = votes(1, true);
        assertTrue(one.size() > 2000);
        List<Refit.Example> examples = Retrainer.examples(one);
        double weight = examples.stream().mapToDouble(Refit.Example::weight).sum();
        assertEquals(Retrainer.PER_READER, weight, 1e-6);
        Retrainer.Decision d = retrainer.decide(one, VoteLayer.IDENTITY);
        assertTrue(d.adopt(), "one reader's thousands of inverted votes do not spoil the layer: " + d);
    }

    @Test
    void notMyTopicIsNoVerdict() {
        VerdictBase.Row r = BASE.get(0);
        List<StoredVote> v = List.of(new StoredVote(1, 1, 1, r.show(), r.text(), r.embedding(), r.judge(), -1,
                "topic", Instant.EPOCH), new StoredVote(1, 2, 1, r.show(), r.text(), r.embedding(), r.judge(), -1,
                "obvious", Instant.EPOCH));
        assertEquals(1, Retrainer.examples(v).size());
    }

    @Test
    void theIdentityLeavesScoresAsTheyAre() {
        VerdictBase.Row r = BASE.get(0);
        assertEquals(r.judge(), VoteLayer.IDENTITY.apply(r.judge(), r.text(), r.embedding()), 0);
        VoteLayer parsed = VoteLayer.parse(retrainer.decide(List.of(), VoteLayer.IDENTITY).candidate().json());
        assertEquals(Refit.COMPONENTS, parsed.basis().length);
    }
}

package dev.podsift.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.insight.VoteLayer;
import dev.podsift.learn.LayerInUse;
import dev.podsift.store.StoredInsight;
import dev.podsift.store.Subscriber;
import dev.podsift.store.VoteLayerStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everyone's votes through the service: the daily retrain waits for enough votes; forced (what
 * {@code podsift train --votes} does) it records a refit judged on held-back verdicts; the admin page lists it; an
 * adopted layer is what digests use until the admin rolls it back.
 */
class LearningTest {

    @Test
    void votesRefitTheLayerWhichTheAdminSeesAndRollsBack(@TempDir Path dir) throws Exception {
        try (Served s = Served.at(dir, Instant.parse("2026-11-25T06:00:00Z"), "PODSIFT_ADMIN_EMAILS",
                "root@example.com")) {
            long show = s.f.app.podcasts().add(s.f.feed("shipping-software.xml"));
            List<Subscriber> readers = new ArrayList<>();
            for (String who : List.of("ann", "bob", "cy")) {
                Subscriber r = TokenReplayTest.active(s.f, who + "@example.com");
                s.f.app.subscribers().follow(r.id(), show);
                s.f.service.prepareDigest(r.id());
                readers.add(r);
            }
            TokenReplayTest.active(s.f, "root@example.com");
            for (Subscriber r : readers) {
                for (StoredInsight i : s.f.app.insights().deliveredSince(r.historyKey(), Instant.EPOCH)) {
                    s.f.app.subscribers().vote(r.id(), i.id(), i.id() % 2 == 0 ? 1 : -1);
                }
            }
            List<String> log = new ArrayList<>();
            var waiting = s.f.app.retrainer(log::add).run(false);
            assertEquals("skipped", waiting.state(), "fewer than 50 new votes: nothing refitted");
            assertTrue(s.f.app.voteLayers().recent(10).isEmpty());

            var forced = s.f.app.retrainer(log::add).run(true);
            assertTrue(forced.state().equals(VoteLayerStore.ADOPTED) || forced.state().equals(VoteLayerStore.REFUSED),
                    forced.toString());
            assertEquals(3, forced.readers());
            assertTrue(log.get(log.size() - 1).startsWith("retrain: " + forced.state()), log.toString());
            assertEquals(1, s.f.app.voteLayers().recent(10).size());

            WebClient root = TokenReplayTest.signedIn(s.f, s.base, "root@example.com");
            String admin = root.get("/admin").body();
            assertTrue(admin.contains("Learning from votes"), admin);
            assertTrue(admin.contains(forced.state()), "the refit is listed with its state");

            // an adopted layer is used until rolled back: the identity takes over again
            long id = s.f.app.voteLayers().record(VoteLayerStore.ADOPTED, new VoteLayer(1, 0.5,
                    new double[dev.podsift.insight.Kind.values().length], new float[0][], new double[0]).json(),
                    0.6, 0.59, 10, 3, "a test layer");
            LayerInUse inUse = new LayerInUse(s.f.app.voteLayers());
            assertEquals(0.5, inUse.get().bias());
            assertTrue(root.get("/admin").body().contains("Roll back"));
            root.post("/admin/layer/rollback");
            assertFalse(s.f.app.voteLayers().currentId() == id, "rolled back");
            assertTrue(inUse.get().bias() != 0.5, "the layer before is in use again");
            WebClient ann = TokenReplayTest.signedIn(s.f, s.base, "ann@example.com");
            ann.get("/settings");
            var refused = ann.post("/admin/layer/rollback");
            assertEquals(403, refused.statusCode(), "only admins roll back");
            assertTrue(refused.body().contains("PODSIFT_ADMIN_EMAILS"), "refused as no admin: " + refused.body());
        }
    }
}

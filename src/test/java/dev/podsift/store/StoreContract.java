package dev.podsift.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.podsift.model.FeedEpisode;
import dev.podsift.model.Insight;
import dev.podsift.model.Segment;
import dev.podsift.model.Stage;
import dev.podsift.model.Transcript;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The store's behaviour, run against every database Podsift supports (SQLite and PostgreSQL). */
abstract class StoreContract {
    protected abstract Database database() throws Exception;

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-25T07:00:00Z"));

    private static FeedEpisode episode(String identity) {
        return new FeedEpisode(identity, identity, "Title " + identity, Instant.parse("2026-11-24T06:00:00Z"), 60L,
                "https://a.example/" + identity + ".mp3", "audio/mpeg", null, null, null, List.of(), null, List.of(),
                null, null, null);
    }

    private static Insight insight(String text, float axis) {
        float[] v = new float[384];
        v[(int) axis] = 1;
        return new Insight(text, text, 1.5, 9.25, 0.8, "Ann", v);
    }

    @Test
    void subscribersDeliveriesAndPollStateBehaveTheSame() throws Exception {
        try (Database db = database()) {
            SubscriberStore subscribers = new SubscriberStore(db, clock);
            DeliveryStore deliveries = new DeliveryStore(db, clock);
            PodcastStore podcasts = new PodcastStore(db, clock);
            Subscriber s = subscribers.signUp("Ada@Example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("Europe/Paris"));
            assertEquals(s.id(), subscribers.signUp("ada@example.com", java.time.LocalTime.of(8, 0),
                    java.time.ZoneId.of("UTC")).id(), "one row per address");
            assertTrue(subscribers.confirm(s.id()));
            assertFalse(subscribers.confirm(s.id()), "pending → active once");
            long p = podcasts.add("https://feeds.example/a.xml");
            subscribers.follow(s.id(), p);
            subscribers.follow(s.id(), p);
            assertEquals(1, subscribers.podcasts(s.id()).size());
            assertEquals(1, subscribers.followedPodcasts().size());
            subscribers.vote(s.id(), insightFor(db, p), 1);

            java.time.LocalDate day = java.time.LocalDate.parse("2026-11-25");
            Instant due = Instant.parse("2026-11-25T06:00:00Z");
            assertTrue(deliveries.plan(s.id(), day, due, Delivery.PENDING, "<m1@x>", null));
            assertFalse(deliveries.plan(s.id(), day, due, Delivery.PENDING, "<m1@x>", null), "one row per day");
            assertEquals(Set.of(s.id() + "/2026-11-25"), deliveries.plannedSince(day.minusDays(1)));
            Delivery d = deliveries.ready(clock.instant()).get(0);
            assertTrue(deliveries.claim(d.id(), Delivery.PENDING));
            assertFalse(deliveries.claim(d.id(), Delivery.PENDING), "claimed once");
            long digest = new DigestStore(db, clock).save(s.historyKey(), "{}", List.of());
            assertTrue(deliveries.saveContent(d.id(), digest, "Subject", "text", "<p>html</p>"));
            assertTrue(deliveries.smtpStarted(d.id()));
            assertTrue(deliveries.finish(d.id(), Delivery.PENDING, "deferred", Instant.parse("2026-11-25T07:05:00Z")));
            Delivery retry = deliveries.find(d.id()).orElseThrow();
            assertEquals(Instant.parse("2026-11-25T07:05:00Z"), retry.nextAttemptAt());
            assertEquals(null, retry.smtpStartedAt(), "back to pending: the SMTP mark is cleared");
            assertTrue(deliveries.claim(d.id(), Delivery.PENDING));
            assertTrue(deliveries.finish(d.id(), Delivery.SENT, null, null));
            Delivery sent = deliveries.find(d.id()).orElseThrow();
            assertEquals(Delivery.SENT, sent.state());
            assertEquals(2, sent.attempts());
            assertEquals(clock.instant(), sent.sentAt());
            assertEquals(Integer.valueOf(1), deliveries.countByState().get(Delivery.SENT));

            podcasts.recordPoll(p, "\"e\"", null, Instant.parse("2026-11-25T08:00:00Z"), 2);
            PodcastStore.PollState st = podcasts.pollState(p);
            assertEquals("\"e\"", st.etag());
            assertEquals(2, st.errorCount());
            assertFalse(podcasts.due(clock.instant()).contains(p));
            assertTrue(podcasts.moveTo(p, "https://feeds.example/b.xml"));
            assertEquals("https://feeds.example/a.xml", podcasts.pollState(p).previousUrl());
            assertTrue(subscribers.unsubscribe(s.id()));
            assertTrue(subscribers.active().isEmpty());
        }
    }

    @Test
    void signInsAreRowsAndLinkKeysChangeWhenTheyShould() throws Exception {
        try (Database db = database()) {
            SubscriberStore subscribers = new SubscriberStore(db, clock);
            SignInStore signIns = new SignInStore(db, clock);
            Subscriber ada = subscribers.signUp("ada@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC"));
            Subscriber bob = subscribers.signUp("bob@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC"));
            assertEquals(32, ada.linkKey().length());
            assertFalse(ada.linkKey().equals(bob.linkKey()), "every subscriber has a key of their own");
            Instant later = clock.instant().plusSeconds(3600);
            signIns.create("h1", ada.id(), later);
            signIns.create("h2", ada.id(), later);
            signIns.create("h3", bob.id(), later);
            signIns.create("old", bob.id(), clock.instant().minusSeconds(1));
            assertEquals(java.util.Optional.of(ada.id()), signIns.subscriberOf("h1"));
            assertTrue(signIns.subscriberOf("old").isEmpty(), "an expired sign-in signs nobody in");
            assertTrue(signIns.end("h1"));
            assertFalse(signIns.end("h1"));
            assertTrue(signIns.subscriberOf("h1").isEmpty());
            assertEquals(1, signIns.endAll(ada.id()));
            assertEquals(1, signIns.count(bob.id()));
            assertTrue(signIns.spend("link", later));
            assertFalse(signIns.spend("link", later), "a one-time link is spent once");

            String before = subscribers.find(bob.id()).orElseThrow().linkKey();
            assertFalse(before.equals(subscribers.rotateLinks(bob.id()).linkKey()));
            // leaving ends the sign-ins; coming back gives new links
            assertTrue(subscribers.confirm(bob.id()));
            String current = subscribers.find(bob.id()).orElseThrow().linkKey();
            assertTrue(subscribers.unsubscribe(bob.id()));
            assertEquals(0, signIns.count(bob.id()));
            Subscriber back = subscribers.signUp("bob@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC"));
            assertFalse(current.equals(back.linkKey()));
            assertEquals(Subscriber.PENDING, back.status());
            // an address that signs up again while active keeps its key (links in its last emails still work)
            assertTrue(subscribers.confirm(back.id()));
            assertEquals(back.linkKey(), subscribers.signUp("bob@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC")).linkKey());
        }
    }

    @Test
    void aFeedUnderTwoAddressesMergesIntoOne() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            SubscriberStore subscribers = new SubscriberStore(db, clock);
            long kept = podcasts.add("https://feeds.example/show.xml");
            long dup = podcasts.add("http://feeds.example/show.xml");
            long other = podcasts.add("https://other.example/show.xml");
            Subscriber a = subscribers.signUp("a@example.com", java.time.LocalTime.of(7, 0), java.time.ZoneId.of("UTC"));
            subscribers.follow(a.id(), kept);
            subscribers.follow(a.id(), dup);
            assertEquals(kept, podcasts.sameFeed(dup, List.of("http://feeds.example/show.xml")).orElseThrow().id(),
                    "http and https of one address are one feed");
            assertTrue(podcasts.sameFeed(other, List.of("https://other.example/show.xml")).isEmpty());
            podcasts.mergeInto(dup, kept);
            podcasts.mergeInto(dup, kept);
            assertEquals(List.of(kept), subscribers.podcasts(a.id()).stream().map(StoredPodcast::id).toList());
            assertEquals(kept, podcasts.findOrAlias("http://feeds.example/show.xml").orElseThrow().id());
            assertEquals(List.of("http://feeds.example/show.xml"),
                    podcasts.aliases(List.of(kept), Instant.EPOCH).get(kept));
        }
    }

    @Test
    void aShorterPollIntervalBringsHealthyFeedsForward() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            long healthy = podcasts.add("https://a.example/feed.xml");
            long failing = podcasts.add("https://b.example/feed.xml");
            for (long id : new long[] {healthy, failing}) {
                podcasts.recordScan(id, null, null, null); // read at 07:00
            }
            podcasts.recordPoll(healthy, null, null, clock.instant().plusSeconds(6 * 3600), 0);
            podcasts.recordPoll(failing, null, null, clock.instant().plusSeconds(6 * 3600), 3);
            assertEquals(1, podcasts.capNextPolls(java.time.Duration.ofMinutes(30)));
            assertTrue(podcasts.due(clock.instant().plusSeconds(31 * 60)).contains(healthy));
            assertFalse(podcasts.due(clock.instant().plusSeconds(31 * 60)).contains(failing), "backing off: kept");
        }
    }

    private long insightFor(Database db, long podcast) throws Exception {
        EpisodeStore episodes = new EpisodeStore(db, clock);
        long e = episodes.insertIfAbsent(podcast, episode("v1"), null, Stage.NEW).orElseThrow();
        episodes.markTranscribed(e, "t", new Transcript(List.of(new Segment(0, 1, null, "Hi."))));
        InsightStore insights = new InsightStore(db, clock);
        insights.saveAnalysis(e, List.of(insight("one", 1)));
        return insights.forEpisodes(Set.of(e)).get(0).id();
    }

    @Test
    void episodesAreInsertedOnceAndMoveThroughGuardedStages() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            EpisodeStore episodes = new EpisodeStore(db, clock);
            long p = podcasts.add("https://feeds.example/show.xml");
            assertEquals(p, podcasts.add("https://feeds.example/show.xml"), "adding twice is idempotent");
            long id = episodes.insertIfAbsent(p, episode("e1"), null, Stage.NEW).orElseThrow();
            assertTrue(episodes.insertIfAbsent(p, episode("e1"), null, Stage.NEW).isEmpty(), "second insert is a no-op");
            Transcript t = new Transcript(List.of(new Segment(0, 2.5, "Ann", "Hello there. Ünïcode ✓")));
            assertTrue(episodes.markTranscribed(id, "https://t.example/1.vtt", t));
            assertFalse(episodes.markTranscribed(id, "again", t), "NEW → TRANSCRIBED happens once");
            assertEquals(t, episodes.transcript(id).orElseThrow());
            InsightStore insights = new InsightStore(db, clock);
            assertTrue(insights.saveAnalysis(id, List.of(insight("one", 1), insight("two", 2))));
            assertFalse(insights.saveAnalysis(id, List.of(insight("three", 3))), "only a TRANSCRIBED episode is analyzed");
            List<StoredInsight> stored = insights.forEpisodes(Set.of(id));
            assertEquals(2, stored.size());
            assertEquals(1.0f, stored.get(0).insight().embedding()[1] + stored.get(0).insight().embedding()[2]);
            assertEquals("Title e1", stored.get(0).episode().episode());
            assertEquals(Stage.ANALYZED, episodes.find(id).orElseThrow().stage());
        }
    }

    @Test
    void failuresKeepTheirReasonAndDeliveriesAreRemembered() throws Exception {
        try (Database db = database()) {
            PodcastStore podcasts = new PodcastStore(db, clock);
            EpisodeStore episodes = new EpisodeStore(db, clock);
            InsightStore insights = new InsightStore(db, clock);
            long p = podcasts.add("/local/feed.xml");
            long bad = episodes.insertIfAbsent(p, episode("bad"), null, Stage.NEW).orElseThrow();
            episodes.markFailed(bad, "transcript x: HTTP 404");
            assertEquals("transcript x: HTTP 404", episodes.find(bad).orElseThrow().failureReason());
            long good = episodes.insertIfAbsent(p, episode("good"), null, Stage.NEW).orElseThrow();
            episodes.markTranscribed(good, "s", new Transcript(List.of(new Segment(0, 1, null, "x"))));
            insights.saveAnalysis(good, List.of(insight("kept", 5)));
            StoredInsight in = insights.forEpisodes(Set.of(good)).get(0);
            new DigestStore(db, clock).save("ann@example.com", "{}", List.of(in.id()));
            assertEquals(1, insights.deliveredSince("ann@example.com", Instant.parse("2026-11-01T00:00:00Z")).size());
            assertEquals(0, insights.deliveredSince("bob@example.com", Instant.parse("2026-11-01T00:00:00Z")).size());
            podcasts.recordScan(p, "Show", null, "HTTP 500");
            assertEquals("HTTP 500", podcasts.find("/local/feed.xml").orElseThrow().lastError());
            assertTrue(podcasts.remove("/local/feed.xml"));
            assertTrue(episodes.find(good).isEmpty(), "removing a feed removes its episodes");
        }
    }

    @Test
    void votesKeepTheirReasonsLayersRollBackAndDeletingAReaderLeavesNothingOfTheirs() throws Exception {
        try (Database db = database()) {
            SubscriberStore subscribers = new SubscriberStore(db, clock);
            PodcastStore podcasts = new PodcastStore(db, clock);
            VoteLayerStore layers = new VoteLayerStore(db, clock);
            DigestStore digests = new DigestStore(db, clock);
            Subscriber ann = subscribers.signUp("ann@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC"));
            Subscriber bob = subscribers.signUp("bob@example.com", java.time.LocalTime.of(7, 0),
                    java.time.ZoneId.of("UTC"));
            long p = podcasts.add("https://feeds.example/v.xml");
            subscribers.follow(ann.id(), p);
            long insight = insightFor(db, p);
            subscribers.vote(ann.id(), insight, -1);
            subscribers.vote(ann.id(), insight, -1, "obvious");
            subscribers.vote(bob.id(), insight, 1, "more");
            List<StoredVote> annVotes = subscribers.votes(ann.id(), 10);
            assertEquals(1, annVotes.size(), "a reason replaces the vote, it adds none");
            assertEquals("obvious", annVotes.get(0).reason());
            assertEquals(384, annVotes.get(0).embedding().length);
            assertEquals(2, subscribers.votesSince(Instant.EPOCH).size());
            digests.save(ann.historyKey(), "{\"insights\": []}", List.of(insight));
            assertEquals(1, digests.all(ann.historyKey()).size());

            assertTrue(layers.current().isEmpty());
            assertTrue(layers.lastRefit().isEmpty());
            long first = layers.record(VoteLayerStore.ADOPTED, "{\"a\":1}", 0.6, 0.59, 2, 2, "first");
            layers.record(VoteLayerStore.REFUSED, "{\"a\":2}", 0.59, 0.7, 3, 2, "worse");
            long third = layers.record(VoteLayerStore.ADOPTED, "{\"a\":3}", 0.59, 0.58, 4, 3, "better");
            assertEquals(third, layers.currentId());
            assertTrue(layers.rollBack());
            assertEquals(first, layers.currentId(), "rolled back to the one adopted before");
            assertEquals(VoteLayerStore.ROLLED_BACK, layers.recent(10).get(0).state());
            assertEquals(clock.instant(), layers.lastRefit().orElseThrow());

            assertTrue(subscribers.delete(ann));
            assertTrue(subscribers.find(ann.id()).isEmpty());
            assertTrue(subscribers.votes(ann.id(), 10).isEmpty());
            assertTrue(digests.all(ann.historyKey()).isEmpty());
            assertEquals(1, subscribers.votes(bob.id(), 10).size(), "another reader's votes stay");
        }
    }
}

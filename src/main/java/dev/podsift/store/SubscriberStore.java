package dev.podsift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Subscribers, their settings and the podcasts each one follows. */
public final class SubscriberStore {
    private final Database db;
    private final InstantSource clock;

    public SubscriberStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Signs {@code email} up (pending until confirmed) with a delivery time and zone; an address already active
     * stays as it is, one that had left or bounced is pending again, with new links and no sign-in left from
     * before. Returns the subscriber.
     */
    public Subscriber signUp(String email, LocalTime time, ZoneId zone) throws StoreException {
        String normal = email.trim().toLowerCase(Locale.ROOT);
        return db.inTransaction(c -> {
            Sql.update(c, "INSERT INTO subscribers (email, status, delivery_time, time_zone, created_at, link_key) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (email) DO NOTHING",
                    normal, Subscriber.PENDING, time.toString(), zone.getId(), clock.millis(), newKey());
            int back = Sql.update(c, "UPDATE subscribers SET status = ?, link_key = ? WHERE email = ? "
                    + "AND status IN (?, ?)", Subscriber.PENDING, newKey(), normal, Subscriber.UNSUBSCRIBED,
                    Subscriber.BOUNCED);
            Subscriber s = Sql.one(c, SELECT + " WHERE email = ?", SubscriberStore::row, normal).orElseThrow();
            if (back > 0) {
                Sql.update(c, "DELETE FROM sign_ins WHERE subscriber_id = ?", s.id());
            }
            return s;
        });
    }

    /**
     * Gives the subscriber's links (vote, unsubscribe, private feeds, pending sign-in links) a new key: every link
     * sent before stops working. Returns the subscriber with the new key.
     */
    public Subscriber rotateLinks(long id) throws StoreException {
        return db.inTransaction(c -> {
            Sql.update(c, "UPDATE subscribers SET link_key = ? WHERE id = ?", newKey(), id);
            return Sql.one(c, SELECT + " WHERE id = ?", SubscriberStore::row, id).orElseThrow();
        });
    }

    private static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    public Optional<Subscriber> find(long id) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, SELECT + " WHERE id = ?", SubscriberStore::row, id));
    }

    public Optional<Subscriber> findByEmail(String email) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, SELECT + " WHERE email = ?", SubscriberStore::row,
                email.trim().toLowerCase(Locale.ROOT)));
    }

    /** Everyone whose digest goes out. */
    public List<Subscriber> active() throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " WHERE status = ? ORDER BY id", SubscriberStore::row,
                Subscriber.ACTIVE));
    }

    public List<Subscriber> all() throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " ORDER BY id", SubscriberStore::row));
    }

    /** Pending → active (the confirmation link was used); true when it changed. */
    public boolean confirm(long id) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE subscribers SET status = ?, confirmed_at = ? "
                + "WHERE id = ? AND status = ?", Subscriber.ACTIVE, clock.millis(), id, Subscriber.PENDING) > 0);
    }

    /** Stops deliveries and ends every sign-in; true when the subscriber was receiving them (or about to). */
    public boolean unsubscribe(long id) throws StoreException {
        return db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM sign_ins WHERE subscriber_id = ?", id);
            return Sql.update(c, "UPDATE subscribers SET status = ?, unsubscribed_at = ? "
                            + "WHERE id = ? AND status IN (?, ?)", Subscriber.UNSUBSCRIBED, clock.millis(), id,
                    Subscriber.ACTIVE, Subscriber.PENDING) > 0;
        });
    }

    /**
     * Unsubscribed or bounced → active again, for someone who signed in with an emailed link (so the address is
     * theirs and reads mail); true when it changed.
     */
    public boolean resubscribe(long id) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE subscribers SET status = ?, unsubscribed_at = NULL, "
                + "bounced_at = NULL, bounce_reason = NULL WHERE id = ? AND status IN (?, ?)", Subscriber.ACTIVE, id,
                Subscriber.UNSUBSCRIBED, Subscriber.BOUNCED) > 0);
    }

    /** The mail server refused the address permanently: no more deliveries until the user signs up again. */
    public void markBounced(long id, String reason) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE subscribers SET status = ?, bounced_at = ?, bounce_reason = ? "
                + "WHERE id = ?", Subscriber.BOUNCED, clock.millis(), reason, id));
    }

    public void updateSettings(long id, String topics, LocalTime time, ZoneId zone) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE subscribers SET topics = ?, delivery_time = ?, time_zone = ? "
                + "WHERE id = ?", topics == null ? "" : topics.strip(), time.toString(), zone.getId(), id));
    }

    /** Follows a podcast (already stored in {@link PodcastStore}); no-op when already followed. */
    public void follow(long subscriberId, long podcastId) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "INSERT INTO subscriptions (subscriber_id, podcast_id, created_at) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING", subscriberId, podcastId, clock.millis()));
    }

    /** Whether {@code subscriberId} follows {@code podcastId}. */
    public boolean follows(long subscriberId, long podcastId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT 1 FROM subscriptions WHERE subscriber_id = ? AND podcast_id = ?",
                rs -> true, subscriberId, podcastId).isPresent());
    }

    public boolean unfollow(long subscriberId, long podcastId) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "DELETE FROM subscriptions WHERE subscriber_id = ? "
                + "AND podcast_id = ?", subscriberId, podcastId) > 0);
    }

    /** The podcasts {@code subscriberId} follows, by title. */
    public List<StoredPodcast> podcasts(long subscriberId) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, PodcastStore.SELECT_P + " JOIN subscriptions s ON s.podcast_id = p.id "
                + "WHERE s.subscriber_id = ? ORDER BY LOWER(COALESCE(p.title, p.url))", PodcastStore::row, subscriberId));
    }

    /** Every podcast at least one active subscriber follows: what the service polls. */
    public List<StoredPodcast> followedPodcasts() throws StoreException {
        return db.inTransaction(c -> Sql.list(c, PodcastStore.SELECT_P + " WHERE p.id IN (SELECT s.podcast_id FROM "
                + "subscriptions s JOIN subscribers u ON u.id = s.subscriber_id WHERE u.status = ?) ORDER BY p.id",
                PodcastStore::row, Subscriber.ACTIVE));
    }

    /** Records a 👍 (+1) or 👎 (-1) on an insight; a second vote on the same insight replaces the first. */
    public void vote(long subscriberId, long insightId, int vote) throws StoreException {
        vote(subscriberId, insightId, vote, null);
    }

    /**
     * Records a vote with its reason (null for none); a second vote on the same insight replaces the first, reason
     * and time included, so a 👎 followed by its reason is one vote.
     */
    public void vote(long subscriberId, long insightId, int vote, String reason) throws StoreException {
        db.inTransaction(c -> {
            int n = Sql.update(c, "UPDATE votes SET vote = ?, reason = ?, created_at = ? WHERE subscriber_id = ? "
                    + "AND insight_id = ?", vote, reason, clock.millis(), subscriberId, insightId);
            if (n == 0) {
                Sql.update(c, "INSERT INTO votes (subscriber_id, insight_id, vote, reason, created_at) "
                        + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", subscriberId, insightId, vote, reason,
                        clock.millis());
            }
            return n;
        });
    }

    /** The subscriber's newest {@code limit} votes, newest first, with what they were on. */
    public List<StoredVote> votes(long subscriberId, int limit) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT_VOTES + " WHERE v.subscriber_id = ? "
                + "ORDER BY v.created_at DESC, v.insight_id DESC LIMIT " + limit, SubscriberStore::vote, subscriberId));
    }

    /** Every vote cast since {@code since}, by anyone (what the vote layer is refitted on), oldest first. */
    public List<StoredVote> votesSince(Instant since) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT_VOTES + " WHERE v.created_at >= ? "
                + "ORDER BY v.created_at, v.subscriber_id, v.insight_id", SubscriberStore::vote, since.toEpochMilli()));
    }

    /** How many votes were cast (or changed) since {@code since}, and by how many subscribers: {votes, voters}. */
    public int[] voteCountSince(Instant since) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT COUNT(*), COUNT(DISTINCT subscriber_id) FROM votes "
                + "WHERE created_at >= ?", rs -> new int[] {rs.getInt(1), rs.getInt(2)}, since.toEpochMilli()))
                .orElse(new int[2]);
    }

    private static final String SELECT_VOTES = "SELECT v.subscriber_id, v.insight_id, e.podcast_id, p.title, i.text, "
            + "i.embedding, i.score, v.vote, v.reason, v.created_at FROM votes v JOIN insights i ON i.id = v.insight_id "
            + "JOIN episodes e ON e.id = i.episode_id JOIN podcasts p ON p.id = e.podcast_id";

    private static StoredVote vote(ResultSet rs) throws SQLException {
        return new StoredVote(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                InsightStore.fromBytes(rs.getBytes(6)), rs.getDouble(7), rs.getInt(8), rs.getString(9),
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    /**
     * Deletes the subscriber and everything kept for them: follows, sign-ins, votes, digests and their delivery
     * history. Episodes and insights stay (they belong to the feeds, and other readers' digests point at them).
     */
    public boolean delete(Subscriber s) throws StoreException {
        return db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM votes WHERE subscriber_id = ?", s.id());
            Sql.update(c, "DELETE FROM subscriptions WHERE subscriber_id = ?", s.id());
            Sql.update(c, "DELETE FROM sign_ins WHERE subscriber_id = ?", s.id());
            Sql.update(c, "DELETE FROM deliveries WHERE subscriber_id = ?", s.id());
            Sql.update(c, "DELETE FROM digest_items WHERE digest_id IN (SELECT id FROM digests WHERE subscriber = ?)",
                    s.historyKey());
            Sql.update(c, "DELETE FROM digests WHERE subscriber = ?", s.historyKey());
            return Sql.update(c, "DELETE FROM subscribers WHERE id = ?", s.id()) > 0;
        });
    }

    /**
     * Whether the subscriber may read an episode: it is in a feed they follow, or an insight of it was in one of
     * their digests (what they were sent stays theirs after they unfollow).
     */
    public boolean mayRead(Subscriber s, long episodeId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT 1 FROM episodes e WHERE e.id = ? AND (EXISTS (SELECT 1 FROM "
                + "subscriptions s WHERE s.subscriber_id = ? AND s.podcast_id = e.podcast_id) OR EXISTS (SELECT 1 FROM "
                + "insights i JOIN digest_items di ON di.insight_id = i.id JOIN digests d ON d.id = di.digest_id "
                + "WHERE i.episode_id = e.id AND d.subscriber = ?))", rs -> true, episodeId, s.id(), s.historyKey())
                .isPresent());
    }

    /** Whether an insight was in one of the subscriber's digests (only those can be voted on). */
    public boolean wasSent(Subscriber s, long insightId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT 1 FROM digest_items di JOIN digests d ON d.id = di.digest_id "
                + "WHERE di.insight_id = ? AND d.subscriber = ?", rs -> true, insightId, s.historyKey()).isPresent());
    }

    /** The subscriber's vote on an insight: +1, -1 or 0 for none. */
    public int voteOf(long subscriberId, long insightId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT vote FROM votes WHERE subscriber_id = ? AND insight_id = ?",
                rs -> rs.getInt(1), subscriberId, insightId).orElse(0));
    }

    /** The reason the subscriber gave with their vote on an insight, or null. */
    public String reasonOf(long subscriberId, long insightId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT COALESCE(reason, '') FROM votes WHERE subscriber_id = ? "
                + "AND insight_id = ?", rs -> rs.getString(1), subscriberId, insightId).filter(r -> !r.isEmpty())
                .orElse(null));
    }

    /** How many votes are recorded (the admin page). */
    public int voteCount() throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT COUNT(*) FROM votes", rs -> rs.getInt(1)).orElse(0));
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    private static final String SELECT = "SELECT id, email, status, topics, delivery_time, time_zone, created_at, "
            + "confirmed_at, link_key FROM subscribers";

    private static Subscriber row(ResultSet rs) throws SQLException {
        return new Subscriber(rs.getLong("id"), rs.getString("email"), rs.getString("status"),
                rs.getString("topics"), LocalTime.parse(rs.getString("delivery_time")),
                ZoneId.of(rs.getString("time_zone")), Sql.instant(rs, "created_at"), Sql.instant(rs, "confirmed_at"),
                rs.getString("link_key"));
    }
}

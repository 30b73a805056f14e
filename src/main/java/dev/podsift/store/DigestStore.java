package dev.podsift.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.List;

/** Digests sent, with the insights each one carried (what "already delivered" means). */
public final class DigestStore {
    private final Database db;
    private final InstantSource clock;

    public DigestStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records one digest for {@code subscriber}: its rendered JSON and its insights in rank order. */
    public long save(String subscriber, String bodyJson, List<Long> insightIds) throws StoreException {
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO digests (subscriber, generated_at, body_json) "
                    + "VALUES (?, ?, ?) RETURNING id")) {
                ps.setString(1, subscriber);
                ps.setLong(2, clock.millis());
                ps.setString(3, bodyJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO digest_items (digest_id, insight_id, rank) VALUES (?, ?, ?)")) {
                for (int i = 0; i < insightIds.size(); i++) {
                    ps.setLong(1, id);
                    ps.setLong(2, insightIds.get(i));
                    ps.setInt(3, i + 1);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return id;
        });
    }

    /** A recorded digest's JSON (GUIDE §4), or empty. */
    public java.util.Optional<String> json(long digestId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT body_json FROM digests WHERE id = ?", rs -> rs.getString(1),
                digestId));
    }

    /** One recorded digest: when it was made and its JSON. */
    public record Recorded(long id, java.time.Instant generatedAt, String json) {
    }

    /** Every digest recorded for {@code subscriber}, oldest first (a reader's export). */
    public List<Recorded> all(String subscriber) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, "SELECT id, generated_at, body_json FROM digests WHERE subscriber = ? "
                + "ORDER BY generated_at, id", rs -> new Recorded(rs.getLong(1),
                java.time.Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)), subscriber));
    }
}

package dev.podsift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Every refit of the vote layer, adopted or refused, with the held-back figures it was judged by. The layer in use
 * is the newest adopted one; rolling back marks it rolled back, so the one adopted before it is in use again.
 */
public final class VoteLayerStore {
    public static final String ADOPTED = "adopted";
    public static final String REFUSED = "refused";
    public static final String ROLLED_BACK = "rolled back";

    /** One refit: its state, its model (JSON), the held-back losses of the layer then in use and of this one. */
    public record Refit(long id, Instant at, String state, String model, double currentLoss, double candidateLoss,
                        int votes, int voters, String note) {
    }

    private final Database db;
    private final InstantSource clock;

    public VoteLayerStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public long record(String state, String model, double currentLoss, double candidateLoss, int votes, int voters,
                       String note) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "INSERT INTO vote_layers (created_at, state, model, current_loss, "
                + "candidate_loss, votes, voters, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                rs -> rs.getLong(1), clock.millis(), state, model, currentLoss, candidateLoss, votes, voters, note)
                .orElseThrow());
    }

    /** The layer in use: the newest adopted refit, or empty (the judge's scores as they are). */
    public Optional<Refit> current() throws StoreException {
        return db.inTransaction(c -> Sql.one(c, SELECT + " WHERE state = ? ORDER BY id DESC LIMIT 1",
                VoteLayerStore::row, ADOPTED));
    }

    /** The id of the layer in use, or 0: cheap, for callers that keep the parsed layer. */
    public long currentId() throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT id FROM vote_layers WHERE state = ? ORDER BY id DESC LIMIT 1",
                rs -> rs.getLong(1), ADOPTED).orElse(0L));
    }

    /** The newest refits, newest first (the admin page). */
    public List<Refit> recent(int limit) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " ORDER BY id DESC LIMIT " + limit, VoteLayerStore::row));
    }

    /** When the newest refit ran, adopted or not. */
    public Optional<Instant> lastRefit() throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT COALESCE(MAX(created_at), -1) FROM vote_layers",
                rs -> rs.getLong(1))).filter(v -> v >= 0).map(Instant::ofEpochMilli);
    }

    /** Stops using the layer in use (the one adopted before it takes over); false when none is in use. */
    public boolean rollBack() throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE vote_layers SET state = ?, note = COALESCE(note, '') || ? "
                + "WHERE id = (SELECT MAX(id) FROM vote_layers WHERE state = ?)", ROLLED_BACK,
                " (rolled back " + clock.instant() + ")", ADOPTED) > 0);
    }

    private static final String SELECT = "SELECT id, created_at, state, model, current_loss, candidate_loss, votes, "
            + "voters, note FROM vote_layers";

    private static Refit row(ResultSet rs) throws SQLException {
        return new Refit(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4),
                rs.getDouble(5), rs.getDouble(6), rs.getInt(7), rs.getInt(8), rs.getString(9));
    }
}

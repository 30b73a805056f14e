package dev.podsift.store;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Server-side sign-ins and spent one-time links. A browser (or a script) holds a random value; only its hash is
 * kept here, so a copy of the database signs nobody in. Ending a row ends that sign-in at once.
 */
public final class SignInStore {
    private final Database db;
    private final InstantSource clock;

    public SignInStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records a sign-in for {@code subscriberId} under the hash of its value, valid until {@code expires}. */
    public void create(String tokenHash, long subscriberId, Instant expires) throws StoreException {
        long now = clock.millis();
        db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM sign_ins WHERE expires_at < ?", now);
            return Sql.update(c, "INSERT INTO sign_ins (token_hash, subscriber_id, created_at, expires_at) "
                    + "VALUES (?, ?, ?, ?)", tokenHash, subscriberId, now, expires.toEpochMilli());
        });
    }

    /** Who signed in with this hash, while the sign-in lasts. */
    public Optional<Long> subscriberOf(String tokenHash) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT subscriber_id FROM sign_ins WHERE token_hash = ? "
                + "AND expires_at >= ?", rs -> rs.getLong(1), tokenHash, clock.millis()));
    }

    /** Ends one sign-in; true when it existed. */
    public boolean end(String tokenHash) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "DELETE FROM sign_ins WHERE token_hash = ?", tokenHash) > 0);
    }

    /** Ends every sign-in of a subscriber (sign out everywhere); returns how many ended. */
    public int endAll(long subscriberId) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "DELETE FROM sign_ins WHERE subscriber_id = ?", subscriberId));
    }

    /** How many sign-ins a subscriber has now (the settings page says so). */
    public int count(long subscriberId) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT COUNT(*) FROM sign_ins WHERE subscriber_id = ? "
                + "AND expires_at >= ?", rs -> rs.getInt(1), subscriberId, clock.millis()).orElse(0));
    }

    /**
     * Spends a one-time link (by its hash): true the first time, false ever after. Kept until {@code expires}, when
     * the link would be refused anyway.
     */
    public boolean spend(String linkHash, Instant expires) throws StoreException {
        long now = clock.millis();
        return db.inTransaction(c -> {
            Sql.update(c, "DELETE FROM spent_links WHERE expires_at < ?", now);
            return Sql.update(c, "INSERT INTO spent_links (link_hash, spent_at, expires_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", linkHash, now, expires.toEpochMilli()) > 0;
        });
    }
}

package dev.podsift.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The followed feeds. */
public final class PodcastStore {
    private final Database db;
    private final InstantSource clock;

    public PodcastStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Follows {@code url} (no-op when already followed); returns its id. */
    public long add(String url) throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO podcasts (url, added_at) VALUES (?, ?) ON CONFLICT (url) DO NOTHING")) {
                ps.setString(1, url);
                ps.setLong(2, clock.millis());
                ps.executeUpdate();
            }
            return idOf(c, url).orElseThrow();
        });
    }

    public Optional<StoredPodcast> find(String url) throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE url = ?")) {
                ps.setString(1, url);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    public List<StoredPodcast> list() throws StoreException {
        return db.inTransaction(c -> {
            List<StoredPodcast> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY LOWER(COALESCE(title, url))");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** Unfollows {@code url} and forgets its episodes and insights; false when it was not followed. */
    public boolean remove(String url) throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM podcasts WHERE url = ?")) {
                ps.setString(1, url);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Records the outcome of one scan: the show's current title and link, or the error that stopped it. */
    public void recordScan(long id, String title, String link, String error) throws StoreException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE podcasts SET title = COALESCE(?, title), "
                    + "link = COALESCE(?, link), last_checked_at = ?, last_error = ? WHERE id = ?")) {
                ps.setString(1, title);
                ps.setString(2, link);
                ps.setLong(3, clock.millis());
                if (error == null) {
                    ps.setNull(4, Types.VARCHAR);
                } else {
                    ps.setString(4, error);
                }
                ps.setLong(5, id);
                return ps.executeUpdate();
            }
        });
    }

    private static final String SELECT = "SELECT id, url, title, link, last_checked_at, last_error FROM podcasts";
    /** The same columns from {@code podcasts p}, for joins. */
    static final String SELECT_P = "SELECT p.id, p.url, p.title, p.link, p.last_checked_at, p.last_error FROM podcasts p";

    static StoredPodcast row(ResultSet rs) throws SQLException {
        long checked = rs.getLong(5);
        Instant lastChecked = rs.wasNull() ? null : Instant.ofEpochMilli(checked);
        return new StoredPodcast(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), lastChecked,
                rs.getString(6));
    }

    private static Optional<Long> idOf(Connection c, String url) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM podcasts WHERE url = ?")) {
            ps.setString(1, url);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }
}

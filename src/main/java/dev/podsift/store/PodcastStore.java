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

    /** Names a podcast not read yet (an OPML file's title for it), without marking it read. */
    public void nameIfUnnamed(long id, String title) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE podcasts SET title = ? WHERE id = ? AND title IS NULL",
                title, id));
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

    /** A feed's last storm, for the admin page. */
    public record Storm(long podcastId, String title, String url, Instant at, String note) {
    }

    /** Flags a storm on the feed (kept until the next one; the admin page shows the last 30 days'). */
    public void recordStorm(long id, String note) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE podcasts SET storm_note = ?, storm_at = ? WHERE id = ?", note,
                clock.millis(), id));
    }

    /** Feeds that had a storm since {@code since}, latest first. */
    public List<Storm> storms(Instant since) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, "SELECT id, title, url, storm_at, storm_note FROM podcasts "
                + "WHERE storm_at >= ? ORDER BY storm_at DESC", rs -> new Storm(rs.getLong(1), rs.getString(2),
                rs.getString(3), Sql.instant(rs, "storm_at"), rs.getString(5)), since.toEpochMilli()));
    }

    /** How a feed is polled: the last validators, the next poll, consecutive errors, where it moved from. */
    public record PollState(String etag, String lastModified, Instant nextPollAt, int errorCount, String previousUrl) {
    }

    public PollState pollState(long id) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT etag, last_modified, next_poll_at, error_count, previous_url "
                        + "FROM podcasts WHERE id = ?", rs -> new PollState(rs.getString(1), rs.getString(2),
                        Sql.instant(rs, "next_poll_at"), rs.getInt(4), rs.getString(5)), id)
                .orElse(new PollState(null, null, null, 0, null)));
    }

    /** Records one poll's outcome: validators to send next time, when to poll next, consecutive errors. */
    public void recordPoll(long id, String etag, String lastModified, Instant nextPollAt, int errorCount)
            throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE podcasts SET etag = ?, last_modified = ?, next_poll_at = ?, "
                + "error_count = ? WHERE id = ?", etag, lastModified, nextPollAt, errorCount, id));
    }

    /**
     * The feed moved (a permanent redirect, or {@code itunes:new-feed-url}): the stored URL becomes {@code newUrl}
     * and the old one is remembered. False when another followed feed already has that URL (nothing changes).
     */
    public boolean moveTo(long id, String newUrl) throws StoreException {
        return db.inTransaction(c -> {
            if (idOf(c, newUrl).isPresent()) {
                return false;
            }
            return Sql.update(c, "UPDATE podcasts SET previous_url = url, url = ?, etag = NULL, last_modified = NULL "
                    + "WHERE id = ?", newUrl, id) > 0;
        });
    }

    /**
     * Another stored podcast that is the same feed as {@code id}: one whose address (or an alias of it) is one of
     * {@code urls}, the scheme aside (http and https of one address are one feed). Empty when there is none.
     */
    public Optional<StoredPodcast> sameFeed(long id, java.util.Collection<String> urls) throws StoreException {
        List<String> forms = new java.util.ArrayList<>();
        for (String u : urls) {
            if (u == null) {
                continue;
            }
            int colon = u.indexOf("://");
            String rest = colon < 0 ? null : u.substring(colon + 3);
            if (rest != null && u.regionMatches(true, 0, "http", 0, 4)) {
                forms.add("http://" + rest);
                forms.add("https://" + rest);
            }
        }
        if (forms.isEmpty()) {
            return Optional.empty();
        }
        String in = String.join(",", java.util.Collections.nCopies(forms.size(), "?"));
        List<Object> args = new java.util.ArrayList<>(forms);
        args.add(id);
        args.addAll(forms);
        args.add(id);
        return db.inTransaction(c -> Sql.one(c, SELECT_P + " WHERE (p.url IN (" + in + ") AND p.id <> ?) OR p.id IN "
                + "(SELECT a.podcast_id FROM podcast_aliases a WHERE a.url IN (" + in + ") AND a.podcast_id <> ?) "
                + "ORDER BY p.id", PodcastStore::row, args.toArray()));
    }

    /**
     * Makes {@code duplicate} an alias of {@code kept}: its followers follow {@code kept} (once), its address and
     * its own aliases point there, and it is read no more (its episodes and what was sent from them stay).
     */
    public void mergeInto(long duplicate, long kept) throws StoreException {
        long now = clock.millis();
        db.inTransaction(c -> {
            Sql.update(c, "INSERT INTO subscriptions (subscriber_id, podcast_id, created_at) SELECT subscriber_id, ?, "
                    + "created_at FROM subscriptions WHERE podcast_id = ? ON CONFLICT DO NOTHING", kept, duplicate);
            Sql.update(c, "DELETE FROM subscriptions WHERE podcast_id = ?", duplicate);
            Sql.update(c, "UPDATE podcast_aliases SET podcast_id = ? WHERE podcast_id = ?", kept, duplicate);
            return Sql.update(c, "INSERT INTO podcast_aliases (url, podcast_id, merged_at) SELECT url, ?, ? FROM podcasts "
                    + "WHERE id = ? ON CONFLICT (url) DO UPDATE SET podcast_id = excluded.podcast_id", kept, now,
                    duplicate);
        });
    }

    /** The podcast an address stands for: its own, or the one it was found to duplicate. */
    public Optional<StoredPodcast> findOrAlias(String url) throws StoreException {
        Optional<StoredPodcast> own = find(url);
        if (own.isPresent()) {
            Optional<Long> kept = db.inTransaction(c -> Sql.one(c, "SELECT podcast_id FROM podcast_aliases WHERE url = ?",
                    rs -> rs.getLong(1), url));
            return kept.isPresent() ? db.inTransaction(c -> Sql.one(c, SELECT_P + " WHERE p.id = ?", PodcastStore::row,
                    kept.get())) : own;
        }
        return db.inTransaction(c -> Sql.one(c, SELECT_P + " JOIN podcast_aliases a ON a.podcast_id = p.id "
                + "WHERE a.url = ?", PodcastStore::row, url));
    }

    /** The other addresses each podcast was found under, merged since {@code since}. */
    public java.util.Map<Long, List<String>> aliases(java.util.Collection<Long> ids, Instant since)
            throws StoreException {
        java.util.Map<Long, List<String>> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        List<Object> args = new java.util.ArrayList<>(ids);
        args.add(since.toEpochMilli());
        db.inTransaction(c -> {
            for (Object[] r : Sql.list(c, "SELECT podcast_id, url FROM podcast_aliases WHERE podcast_id IN (" + in
                    + ") AND merged_at >= ? ORDER BY url", rs -> new Object[] {rs.getLong(1), rs.getString(2)},
                    args.toArray())) {
                out.computeIfAbsent((Long) r[0], k -> new java.util.ArrayList<>()).add((String) r[1]);
            }
            return null;
        });
        return out;
    }

    /** Every podcast's next poll (absent: never polled yet), for the admin page. */
    public java.util.Map<Long, Instant> nextPolls() throws StoreException {
        return db.inTransaction(c -> {
            java.util.Map<Long, Instant> out = new java.util.HashMap<>();
            for (Object[] r : Sql.list(c, "SELECT id, next_poll_at FROM podcasts WHERE next_poll_at IS NOT NULL",
                    rs -> new Object[] {rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2))})) {
                out.put((Long) r[0], (Instant) r[1]);
            }
            return out;
        });
    }

    /** Ids of the podcasts whose next poll has come (or that were never polled). */
    /**
     * Brings forward every healthy feed's next poll to at most {@code interval} after its last read: a shorter
     * PODSIFT_POLL_MINUTES takes effect at start-up instead of after each feed's old next poll. Feeds backing off
     * after errors keep their wait. Returns how many moved.
     */
    public int capNextPolls(java.time.Duration interval) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE podcasts SET next_poll_at = last_checked_at + ? WHERE "
                + "error_count = 0 AND last_checked_at IS NOT NULL AND next_poll_at > last_checked_at + ?",
                interval.toMillis(), interval.toMillis()));
    }

    public java.util.Set<Long> due(Instant now) throws StoreException {
        return db.inTransaction(c -> new java.util.HashSet<>(Sql.list(c, "SELECT id FROM podcasts WHERE next_poll_at "
                + "IS NULL OR next_poll_at <= ?", rs -> rs.getLong(1), now)));
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

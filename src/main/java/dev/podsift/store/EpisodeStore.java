package dev.podsift.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.model.FeedEpisode;
import dev.podsift.model.Segment;
import dev.podsift.model.Stage;
import dev.podsift.model.Transcript;
import dev.podsift.model.TranscriptLink;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Episodes and their stage machine: NEW → TRANSCRIBED → ANALYZED, or FAILED with a reason. */
public final class EpisodeStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Database db;
    private final InstantSource clock;

    public EpisodeStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Runs several calls on this store as one transaction (a feed's episodes: one commit, not hundreds). */
    public <T> T batch(Database.StoreWork<T> work) throws StoreException {
        return db.atomically(work);
    }

    /** Stores an episode the first time it is seen; returns its id when it is new, empty when already known. */
    public Optional<Long> insertIfAbsent(long podcastId, FeedEpisode e, TranscriptLink transcript, Stage stage)
            throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO episodes (podcast_id, identity, guid, title, "
                    + "link, published_at, duration_seconds, enclosure_url, enclosure_type, transcript_url, "
                    + "transcript_type, stage, created_at, updated_at, description) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT (podcast_id, identity) DO NOTHING RETURNING id")) {
                long now = clock.millis();
                ps.setLong(1, podcastId);
                ps.setString(2, e.identity());
                ps.setString(3, e.guid());
                ps.setString(4, e.title());
                ps.setString(5, e.link());
                setLong(ps, 6, e.published() == null ? null : e.published().toEpochMilli());
                setLong(ps, 7, e.durationSeconds());
                ps.setString(8, e.enclosureUrl());
                ps.setString(9, e.enclosureType());
                ps.setString(10, transcript == null ? null : transcript.url());
                ps.setString(11, transcript == null ? null : transcript.type());
                ps.setString(12, stage.name());
                ps.setLong(13, now);
                ps.setLong(14, now);
                ps.setString(15, notes(e.description()));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
                }
            }
        });
    }

    /** Episodes of {@code podcastId} in {@code stage}, oldest first. */
    public List<StoredEpisode> inStage(long podcastId, Stage stage) throws StoreException {
        return query(" WHERE e.podcast_id = ? AND e.stage = ? ORDER BY e.published_at, e.id", podcastId, stage.name());
    }

    /** Episodes of {@code podcastId} published at or after {@code since}. */
    public List<StoredEpisode> publishedSince(long podcastId, Instant since) throws StoreException {
        return query(" WHERE e.podcast_id = ? AND e.published_at >= ? ORDER BY e.published_at, e.id", podcastId,
                since.toEpochMilli());
    }

    /** ANALYZED episodes of {@code podcastId} first seen at or after {@code since}: a day's material. */
    public List<StoredEpisode> analyzedSeenSince(long podcastId, Instant since) throws StoreException {
        return query(" WHERE e.podcast_id = ? AND e.stage = 'ANALYZED' AND e.created_at >= ? ORDER BY e.id", podcastId,
                since.toEpochMilli());
    }

    /** The latest FAILED episodes of every podcast, with their reasons (the admin page). */
    public List<StoredEpisode> failures(int limit) throws StoreException {
        return query(" WHERE e.stage = 'FAILED' ORDER BY e.updated_at DESC, e.id DESC LIMIT " + limit);
    }

    /** What is stored of one episode to tell a re-issued one: its identity, audio URL, title and date. */
    public record Seen(String identity, String enclosureUrl, String title, Instant published) {
    }

    /** Every episode stored for {@code podcastId}, in any stage (a later scan's storm check). */
    public List<Seen> seen(long podcastId) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, "SELECT identity, enclosure_url, title, published_at FROM episodes "
                + "WHERE podcast_id = ?", rs -> new Seen(rs.getString(1), rs.getString(2), rs.getString(3),
                Sql.instant(rs, "published_at")), podcastId));
    }

    /** How many episodes {@code podcastId} has stored in any stage. */
    public int count(long podcastId) throws StoreException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM episodes WHERE podcast_id = ?")) {
                ps.setLong(1, podcastId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    public Optional<StoredEpisode> find(long id) throws StoreException {
        List<StoredEpisode> found = query(" WHERE e.id = ?", id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Sends an episode back to NEW (a re-run asked for with --since); its transcript is kept. */
    public void reopen(long id) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE episodes SET stage = 'NEW', failure_reason = NULL, attempts = 0, "
                + "retry_at = NULL, updated_at = ? WHERE id = ?", clock.millis(), id));
    }

    /** NEW → TRANSCRIBED, storing the transcript; false when another worker moved it first. */
    public boolean markTranscribed(long id, String source, Transcript transcript) throws StoreException {
        String json;
        try {
            json = JSON.writeValueAsString(transcript.segments());
        } catch (JsonProcessingException e) {
            throw new StoreException("episode " + id + ": cannot encode transcript", e);
        }
        return db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM transcripts WHERE episode_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO transcripts (episode_id, source, "
                         + "segments_json, created_at) VALUES (?, ?, ?, ?)")) {
                del.setLong(1, id);
                del.executeUpdate();
                ins.setLong(1, id);
                ins.setString(2, source);
                ins.setString(3, json);
                ins.setLong(4, clock.millis());
                ins.executeUpdate();
            }
            return EpisodeStore.updateStage(c, id, Stage.NEW, Stage.TRANSCRIBED, null, clock.millis());
        });
    }

    public Optional<Transcript> transcript(long id) throws StoreException {
        String json = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT segments_json FROM transcripts WHERE episode_id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Transcript(JSON.readValue(json, new TypeReference<List<Segment>>() { })));
        } catch (JsonProcessingException e) {
            throw new StoreException("episode " + id + ": stored transcript is unreadable", e);
        }
    }

    /** NEW episodes of {@code podcastId} that may be worked on at {@code now} (not waiting for a retry). */
    public List<StoredEpisode> dueNew(long podcastId, Instant now) throws StoreException {
        return query(" WHERE e.podcast_id = ? AND e.stage = 'NEW' AND (e.retry_at IS NULL OR e.retry_at <= ?) "
                + "ORDER BY e.published_at, e.id", podcastId, now.toEpochMilli());
    }

    /** How many temporary failures this episode has had. */
    public int attempts(long id) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, "SELECT attempts FROM episodes WHERE id = ?", rs -> rs.getInt(1), id)
                .orElse(0));
    }

    /**
     * A temporary failure: the episode stays NEW, its reason is kept for the admin page, and it waits until
     * {@code retryAt}. Guarded: only an episode still NEW is touched.
     */
    public void markRetry(long id, String reason, Instant retryAt) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE episodes SET failure_reason = ?, attempts = attempts + 1, "
                + "retry_at = ?, updated_at = ? WHERE id = ? AND stage = 'NEW'", reason, retryAt.toEpochMilli(),
                clock.millis(), id));
    }

    /** Any stage → FAILED with a reason the user sees. */
    public void markFailed(long id, String reason) throws StoreException {
        setStage(id, null, Stage.FAILED, reason);
    }

    private void setStage(long id, Stage from, Stage to, String reason) throws StoreException {
        db.inTransaction(c -> updateStage(c, id, from, to, reason, clock.millis()));
    }

    /** The guarded update every transition uses: only moves the episode when it is still in {@code from}. */
    static boolean updateStage(java.sql.Connection c, long id, Stage from, Stage to, String reason, long now)
            throws SQLException {
        String sql = "UPDATE episodes SET stage = ?, failure_reason = ?, updated_at = ? WHERE id = ?"
                + (from == null ? "" : " AND stage = ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, to.name());
            ps.setString(2, reason);
            ps.setLong(3, now);
            ps.setLong(4, id);
            if (from != null) {
                ps.setString(5, from.name());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** How one followed feed is doing, for its followers: episodes stored, analysed, failed, the last failure. */
    public record Health(int episodes, int analyzed, int failed, String lastFailure) {
    }

    /** {@link Health} of each of {@code podcastIds} that has episodes stored. */
    public java.util.Map<Long, Health> health(java.util.Collection<Long> podcastIds) throws StoreException {
        java.util.Map<Long, Health> out = new java.util.HashMap<>();
        if (podcastIds.isEmpty()) {
            return out;
        }
        String in = String.join(",", java.util.Collections.nCopies(podcastIds.size(), "?"));
        Object[] args = podcastIds.toArray();
        return db.inTransaction(c -> {
            for (Object[] row : Sql.list(c, "SELECT podcast_id, COUNT(*), SUM(CASE WHEN stage = 'ANALYZED' THEN 1 "
                    + "ELSE 0 END), SUM(CASE WHEN stage = 'FAILED' THEN 1 ELSE 0 END) FROM episodes WHERE podcast_id IN ("
                    + in + ") GROUP BY podcast_id", rs -> new Object[] {rs.getLong(1), rs.getInt(2), rs.getInt(3),
                    rs.getInt(4)}, args)) {
                out.put((Long) row[0], new Health((Integer) row[1], (Integer) row[2], (Integer) row[3], null));
            }
            for (Object[] f : Sql.list(c, "SELECT podcast_id, title, failure_reason FROM episodes WHERE stage = 'FAILED' "
                    + "AND podcast_id IN (" + in + ") ORDER BY updated_at DESC, id DESC", rs -> new Object[] {
                    rs.getLong(1), rs.getString(2), rs.getString(3)}, args)) {
                Health h = out.get((Long) f[0]);
                if (h != null && h.lastFailure() == null) {
                    out.put((Long) f[0], new Health(h.episodes(), h.analyzed(), h.failed(),
                            (f[1] == null ? "an episode" : "“" + f[1] + "”") + ": " + f[2]));
                }
            }
            return out;
        });
    }

    /** Counts of episodes per stage, for summaries. */
    public java.util.Map<Stage, Integer> countByStage() throws StoreException {
        return db.inTransaction(c -> {
            java.util.Map<Stage, Integer> out = new java.util.EnumMap<>(Stage.class);
            try (PreparedStatement ps = c.prepareStatement("SELECT stage, COUNT(*) FROM episodes GROUP BY stage");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(Stage.valueOf(rs.getString(1)), rs.getInt(2));
                }
            }
            return out;
        });
    }

    private List<StoredEpisode> query(String where, Object... args) throws StoreException {
        return db.inTransaction(c -> {
            List<StoredEpisode> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.podcast_id, p.title, e.identity, e.title, "
                    + "e.link, e.published_at, e.enclosure_url, e.transcript_url, e.transcript_type, e.stage, "
                    + "e.failure_reason, e.duration_seconds, e.description FROM episodes e JOIN podcasts p ON p.id = e.podcast_id" + where)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long pub = rs.getLong(7);
                        Instant published = rs.wasNull() ? null : Instant.ofEpochMilli(pub);
                        out.add(new StoredEpisode(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), published, rs.getString(8), rs.getString(9),
                                rs.getString(10), Stage.valueOf(rs.getString(11)), rs.getString(12),
                                rs.getObject(13) == null ? null : rs.getLong(13), rs.getString(14)));
                    }
                }
            }
            return out;
        });
    }

    /** Show notes as plain text, at most 2,000 characters: enough to judge what an episode is about. */
    private static String notes(String description) {
        if (description == null) {
            return null;
        }
        String text = org.jsoup.Jsoup.parse(description).text();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }
}

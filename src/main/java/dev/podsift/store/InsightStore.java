package dev.podsift.store;

import dev.podsift.model.EpisodeRef;
import dev.podsift.model.Insight;
import dev.podsift.model.Stage;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Extracted insights, saved with the TRANSCRIBED → ANALYZED transition in one transaction. */
public final class InsightStore {
    private final Database db;
    private final InstantSource clock;

    public InsightStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Replaces the episode's insights and marks it ANALYZED; false when it was not TRANSCRIBED any more. */
    public boolean saveAnalysis(long episodeId, List<Insight> insights) throws StoreException {
        return saveAnalysis(episodeId, insights, null);
    }

    /** As above, with a note the episode shows (only part of a very long transcript was read), or null. */
    public boolean saveAnalysis(long episodeId, List<Insight> insights, String note) throws StoreException {
        return db.inTransaction(c -> {
            long now = clock.millis();
            if (!EpisodeStore.updateStage(c, episodeId, Stage.TRANSCRIBED, Stage.ANALYZED, note, now)) {
                return false;
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM insights WHERE episode_id = ? AND id NOT IN "
                    + "(SELECT insight_id FROM digest_items)")) {
                del.setLong(1, episodeId);
                del.executeUpdate();
            }
            int base = 0;
            try (PreparedStatement max = c.prepareStatement(
                    "SELECT COALESCE(MAX(position), -1) + 1 FROM insights WHERE episode_id = ?")) {
                max.setLong(1, episodeId);
                try (ResultSet rs = max.executeQuery()) {
                    rs.next();
                    base = rs.getInt(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO insights (episode_id, position, text, quote, "
                    + "start_seconds, end_seconds, score, speaker, embedding, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < insights.size(); i++) {
                    Insight in = insights.get(i);
                    ps.setLong(1, episodeId);
                    ps.setInt(2, base + i);
                    ps.setString(3, in.text());
                    ps.setString(4, in.quote());
                    ps.setDouble(5, in.startSeconds());
                    ps.setDouble(6, in.endSeconds());
                    ps.setDouble(7, in.score());
                    ps.setString(8, in.speaker());
                    ps.setBytes(9, toBytes(in.embedding()));
                    ps.setLong(10, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return true;
        });
    }

    /** Insights of the given episodes (latest analysis only), best first. */
    public List<StoredInsight> forEpisodes(Set<Long> episodeIds) throws StoreException {
        if (episodeIds.isEmpty()) {
            return List.of();
        }
        StringBuilder in = new StringBuilder();
        for (Long id : episodeIds) {
            in.append(in.length() == 0 ? "" : ",").append(id);
        }
        return select(" WHERE i.episode_id IN (" + in + ") ORDER BY i.score DESC");
    }

    /** Insights delivered to {@code subscriber} since {@code since}: never sent again, nor their near-duplicates. */
    public List<StoredInsight> deliveredSince(String subscriber, Instant since) throws StoreException {
        return select(" WHERE i.id IN (SELECT di.insight_id FROM digest_items di JOIN digests d ON d.id = di.digest_id"
                + " WHERE d.subscriber = ? AND d.generated_at >= ?)", subscriber, since.toEpochMilli());
    }

    public java.util.Optional<StoredInsight> find(long id) throws StoreException {
        List<StoredInsight> found = select(" WHERE i.id = ?", id);
        return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(found.get(0));
    }

    /**
     * Full-text search over the insights once delivered to {@code subscriber}: every word of {@code query} must
     * appear in the text, the quote, the episode's title or the show's (case-insensitive), newest digests first.
     */
    public List<StoredInsight> searchDelivered(String subscriber, String query, int limit) throws StoreException {
        List<String> words = new ArrayList<>();
        for (String w : query.toLowerCase(java.util.Locale.ROOT).split("\\s+")) {
            if (!w.isBlank() && words.size() < 8) {
                words.add("%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (words.isEmpty()) {
            return List.of();
        }
        StringBuilder where = new StringBuilder(" WHERE i.id IN (SELECT di.insight_id FROM digest_items di "
                + "JOIN digests d ON d.id = di.digest_id WHERE d.subscriber = ?)");
        List<Object> args = new ArrayList<>();
        args.add(subscriber);
        for (String w : words) {
            // a word may be in the insight, its quote, the episode's title or the show's
            where.append(" AND (LOWER(i.text) LIKE ? ESCAPE '\\' OR LOWER(i.quote) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(COALESCE(e.title, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(p.title, '')) LIKE ? ESCAPE '\\')");
            args.add(w);
            args.add(w);
            args.add(w);
            args.add(w);
        }
        where.append(" ORDER BY i.id DESC LIMIT ").append(limit);
        return select(where.toString(), args.toArray());
    }

    private List<StoredInsight> select(String where, Object... args) throws StoreException {
        return db.inTransaction(c -> {
            List<StoredInsight> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.episode_id, p.title, e.title, e.link, "
                    + "e.enclosure_url, e.podcast_id, i.text, i.quote, i.start_seconds, i.end_seconds, i.score, "
                    + "i.speaker, i.embedding FROM insights i JOIN episodes e ON e.id = i.episode_id "
                    + "JOIN podcasts p ON p.id = e.podcast_id" + where)) {
                for (int a = 0; a < args.length; a++) {
                    ps.setObject(a + 1, args[a]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        EpisodeRef ref = new EpisodeRef(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6));
                        Insight insight = new Insight(rs.getString(8), rs.getString(9), rs.getDouble(10),
                                rs.getDouble(11), rs.getDouble(12), rs.getString(13), fromBytes(rs.getBytes(14)));
                        out.add(new StoredInsight(rs.getLong(1), ref, rs.getLong(7), insight));
                    }
                }
            }
            return out;
        });
    }

    static byte[] toBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] fromBytes(byte[] bytes) throws SQLException {
        if (bytes == null || bytes.length % 4 != 0) {
            throw new SQLException("corrupt embedding");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }
}

package dev.podsift.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery rows. Every state change is a guarded update ({@code WHERE state = expected}), so two workers can
 * never both take one row, and planning a day twice is a no-op (unique subscriber + local date).
 */
public final class DeliveryStore {
    private final Database db;
    private final InstantSource clock;

    public DeliveryStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates the row for (subscriber, date) in {@code state} unless it exists; true when this call created it. */
    public boolean plan(long subscriberId, LocalDate date, Instant due, String state, String messageId, String error)
            throws StoreException {
        long now = clock.millis();
        return db.inTransaction(c -> Sql.update(c, "INSERT INTO deliveries (subscriber_id, local_date, due_at, state, "
                        + "message_id, next_attempt_at, error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", subscriberId, date.toString(), due, state, messageId, due, error,
                now, now) > 0);
    }

    /**
     * A subscriber's latest day with a digest planned (not skipped), and when the latest one made at its time (not
     * on request) was due; null when none was.
     */
    public record Latest(LocalDate date, Instant due) {
    }

    /** {@link Latest} of each subscriber with rows dated {@code from} or later. */
    public Map<Long, Latest> latest(LocalDate from) throws StoreException {
        return db.inTransaction(c -> {
            Map<Long, Latest> out = new java.util.HashMap<>();
            for (Object[] r : Sql.list(c, "SELECT subscriber_id, MAX(local_date), MAX(CASE WHEN asked = 0 THEN due_at "
                    + "END) FROM deliveries WHERE local_date >= ? AND state <> ? GROUP BY subscriber_id",
                    rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getObject(3)}, from.toString(),
                    Delivery.SKIPPED)) {
                out.put((Long) r[0], new Latest(LocalDate.parse((String) r[1]),
                        r[2] == null ? null : Instant.ofEpochMilli(((Number) r[2]).longValue())));
            }
            return out;
        });
    }

    /** Marks a day as made at the subscriber's request. */
    public void markAsked(long id) throws StoreException {
        db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET asked = 1 WHERE id = ?", id));
    }

    /** An empty day ("nothing new") asked for again: pending, due now. True when it was empty. */
    public boolean reopenEmpty(long id, Instant now) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET state = ?, due_at = ?, next_attempt_at = ?, "
                + "error = NULL, updated_at = ? WHERE id = ? AND state = ?", Delivery.PENDING, now, now, now.toEpochMilli(),
                id, Delivery.EMPTY) > 0);
    }

    /** "subscriberId/date" of every row dated {@code from} or later: what planning need not insert again. */
    public java.util.Set<String> plannedSince(LocalDate from) throws StoreException {
        return db.inTransaction(c -> new java.util.HashSet<>(Sql.list(c, "SELECT subscriber_id, local_date FROM "
                + "deliveries WHERE local_date >= ?", rs -> rs.getLong(1) + "/" + rs.getString(2), from.toString())));
    }

    public Optional<Delivery> find(long subscriberId, LocalDate date) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, SELECT + " WHERE subscriber_id = ? AND local_date = ?",
                DeliveryStore::row, subscriberId, date.toString()));
    }

    public Optional<Delivery> find(long id) throws StoreException {
        return db.inTransaction(c -> Sql.one(c, SELECT + " WHERE id = ?", DeliveryStore::row, id));
    }

    /** Rows ready to send now: pending or uncertain whose next attempt has come, oldest first. */
    public List<Delivery> ready(Instant now) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " WHERE state IN (?, ?) AND next_attempt_at <= ? "
                + "ORDER BY due_at, id", DeliveryStore::row, Delivery.PENDING, Delivery.UNCERTAIN, now));
    }

    /** Rows some worker claimed and has not touched since {@code before}: that worker is presumed dead. */
    public List<Delivery> stale(Instant before) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " WHERE state = ? AND updated_at < ? ORDER BY id",
                DeliveryStore::row, Delivery.SENDING, before));
    }

    /** {@code from} → sending, counting the attempt; true when this caller won the row. */
    public boolean claim(long id, String from) throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET state = ?, attempts = attempts + 1, "
                + "updated_at = ? WHERE id = ? AND state = ?", Delivery.SENDING, clock.millis(), id, from) > 0);
    }

    /** Fixes what the row will send (the digest was built and recorded); only while the row is claimed. */
    public boolean saveContent(long id, long digestId, String subject, String text, String html)
            throws StoreException {
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET digest_id = ?, subject = ?, body_text = ?, "
                        + "body_html = ?, updated_at = ? WHERE id = ? AND state = ?", digestId, subject, text, html,
                clock.millis(), id, Delivery.SENDING) > 0);
    }

    /** Marks the moment the mail server conversation begins: a crash after this leaves the outcome uncertain. */
    public boolean smtpStarted(long id) throws StoreException {
        long now = clock.millis();
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET smtp_started_at = ?, updated_at = ? "
                + "WHERE id = ? AND state = ?", now, now, id, Delivery.SENDING) > 0);
    }

    /** sending → {@code to}, with an error (or null) and the next attempt's time (for pending). */
    public boolean finish(long id, String to, String error, Instant nextAttempt) throws StoreException {
        long now = clock.millis();
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET state = ?, error = ?, next_attempt_at = "
                        + "COALESCE(?, next_attempt_at), sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END, "
                        + "smtp_started_at = CASE WHEN ? = 'pending' THEN NULL ELSE smtp_started_at END, updated_at = ? "
                        + "WHERE id = ? AND state = ?", to, error, nextAttempt, to, now, to, now, id,
                Delivery.SENDING) > 0);
    }

    /** A dead worker's row goes back: to pending when it never reached the mail server, else to uncertain. */
    public boolean release(Delivery d) throws StoreException {
        String to = d.smtpStartedAt() == null ? Delivery.PENDING : Delivery.UNCERTAIN;
        return db.inTransaction(c -> Sql.update(c, "UPDATE deliveries SET state = ?, error = ?, updated_at = ? "
                        + "WHERE id = ? AND state = ? AND updated_at = ?", to,
                to.equals(Delivery.UNCERTAIN) ? "a worker stopped while handing the email to the mail server" : null,
                clock.millis(), d.id(), Delivery.SENDING, d.updatedAt()) > 0);
    }

    /** The subscriber's most recent rows, newest date first. */
    public List<Delivery> recent(long subscriberId, int limit) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " WHERE subscriber_id = ? ORDER BY local_date DESC LIMIT ?",
                DeliveryStore::row, subscriberId, limit));
    }

    /** Rows per state (the admin page). */
    public Map<String, Integer> countByState() throws StoreException {
        return db.inTransaction(c -> {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Object[] r : Sql.list(c, "SELECT state, COUNT(*) FROM deliveries GROUP BY state ORDER BY state",
                    rs -> new Object[] {rs.getString(1), rs.getInt(2)})) {
                out.put((String) r[0], (Integer) r[1]);
            }
            return out;
        });
    }

    /** The latest failed or uncertain rows, for the admin page. */
    public List<Delivery> problems(int limit) throws StoreException {
        return db.inTransaction(c -> Sql.list(c, SELECT + " WHERE state IN (?, ?) OR (state = ? AND error IS NOT NULL) "
                        + "ORDER BY updated_at DESC LIMIT ?", DeliveryStore::row, Delivery.FAILED, Delivery.UNCERTAIN,
                Delivery.PENDING, limit));
    }

    private static final String SELECT = "SELECT id, subscriber_id, local_date, due_at, state, message_id, digest_id, "
            + "subject, body_text, body_html, attempts, next_attempt_at, smtp_started_at, sent_at, error, updated_at "
            + "FROM deliveries";

    private static Delivery row(ResultSet rs) throws SQLException {
        long digest = rs.getLong("digest_id");
        Long digestId = rs.wasNull() ? null : digest;
        return new Delivery(rs.getLong("id"), rs.getLong("subscriber_id"), LocalDate.parse(rs.getString("local_date")),
                Sql.instant(rs, "due_at"), rs.getString("state"), rs.getString("message_id"), digestId,
                rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getInt("attempts"),
                Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "smtp_started_at"), Sql.instant(rs, "sent_at"),
                rs.getString("error"), Sql.instant(rs, "updated_at"));
    }
}

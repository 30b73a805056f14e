package dev.podsift.store;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * One subscriber: {@code status} is pending (signed up, not yet confirmed: nothing is sent), active, unsubscribed
 * or bounced (the mail server refused the address for good). {@code linkKey} is the random key every link sent to
 * them carries: a new key revokes all links sent before.
 */
public record Subscriber(long id, String email, String status, String topics, LocalTime deliveryTime, ZoneId zone,
                         Instant createdAt, Instant confirmedAt, String linkKey) {
    public static final String PENDING = "pending";
    public static final String ACTIVE = "active";
    public static final String UNSUBSCRIBED = "unsubscribed";
    public static final String BOUNCED = "bounced";

    public boolean active() {
        return ACTIVE.equals(status);
    }

    /** The name digests and delivery history are recorded under. */
    public String historyKey() {
        return "subscriber:" + id;
    }
}

package dev.podsift.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One subscriber's digest for one local date: the row that makes "exactly once a day" hold. States: pending (due,
 * not yet taken), sending (claimed by a worker), sent, failed (a permanent refusal, or retries exhausted), uncertain
 * (a worker died while talking to the mail server: it is sent again with the same Message-ID), empty (nothing new to
 * send that day) and skipped (the service was down past the catch-up cut-off).
 */
public record Delivery(long id, long subscriberId, LocalDate localDate, Instant dueAt, String state, String messageId,
                       Long digestId, String subject, String bodyText, String bodyHtml, int attempts,
                       Instant nextAttemptAt, Instant smtpStartedAt, Instant sentAt, String error, Instant updatedAt) {
    public static final String PENDING = "pending";
    public static final String SENDING = "sending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
    public static final String UNCERTAIN = "uncertain";
    public static final String EMPTY = "empty";
    public static final String SKIPPED = "skipped";

    /** True once the content to send is fixed (retries send exactly it). */
    public boolean hasContent() {
        return bodyText != null;
    }
}

package dev.podsift.delivery;

import dev.podsift.auth.Links;
import dev.podsift.digest.DigestItem;
import dev.podsift.digest.DigestRenderer;
import dev.podsift.digest.DigestService;
import dev.podsift.mail.Email;
import dev.podsift.mail.Mailer;
import dev.podsift.mail.SendResult;
import dev.podsift.store.Database;
import dev.podsift.store.Delivery;
import dev.podsift.store.DeliveryStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import dev.podsift.store.SubscriberStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Exactly one digest per subscriber and local date. Each minute: plan (create the day's row once its local time has
 * come: a unique key, so planning twice or on two workers is harmless), recover (rows whose worker died go back:
 * to pending if it never reached the mail server, to uncertain if it did), then send what is ready. Sending claims
 * the row with a guarded update, fixes its content (digest recorded and email rendered in one transaction, so a
 * retry sends the very same email), notes that the SMTP conversation starts, sends, and records the outcome.
 *
 * <p>The one gap no client can close alone: a crash after the mail server accepted the message and before the
 * "sent" commit. That row becomes uncertain and is sent again with the same Message-ID (mail clients such as
 * Gmail show one copy); a missed day is judged worse than that rare second copy.
 */
public final class DeliveryService {
    /**
     * lateCutoff: a day whose due time passed longer ago than this (the service was down) is skipped, its material
     * rolls into the next digest; lease: a claimed row untouched this long belongs to a dead worker.
     */
    public record Settings(Duration lateCutoff, int maxAttempts, Duration lease, int top) {
        public static Settings defaults() {
            return new Settings(Duration.ofHours(12), 8, Duration.ofMinutes(30), 5);
        }
    }

    /** Test seam: called at named points of a send ("claimed", "smtp-started", "smtp-done"); may throw to crash. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached(String point);
    }

    /** What one tick did, by outcome. */
    public record Report(int planned, int recovered, Map<String, Integer> outcomes) {
    }

    /** How far back planning looks for days the service missed. */
    static final int LOOKBACK_DAYS = 7;
    /** The least time between two digests sent at their time to one subscriber, whatever their time zone does. */
    static final Duration MIN_GAP = Duration.ofHours(20);

    private final Database db;
    private final SubscriberStore subscribers;
    private final DeliveryStore deliveries;
    private final DigestService digests;
    private final Function<String, float[]> topicVector;
    private final Mailer mailer;
    private final Links links;
    private final InstantSource clock;
    private final Settings settings;
    private volatile Checkpoint checkpoint = point -> { };
    private volatile java.util.function.Consumer<String> log = line -> { };

    public DeliveryService(Database db, SubscriberStore subscribers, DeliveryStore deliveries, DigestService digests,
                           Function<String, float[]> topicVector, Mailer mailer, Links links, InstantSource clock,
                           Settings settings) {
        this.db = db;
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.digests = digests;
        this.topicVector = topicVector;
        this.mailer = mailer;
        this.links = links;
        this.clock = clock;
        this.settings = settings;
    }

    public void checkpoint(Checkpoint c) {
        this.checkpoint = c;
    }

    /** Where a line per digest goes saying what the hero model spent on it (tokens per subscriber-day). */
    public void log(java.util.function.Consumer<String> log) {
        this.log = log;
    }

    /** Plan, recover, send: what the scheduler runs every minute. */
    public Report tick() throws StoreException {
        int planned = plan();
        int recovered = recover();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        for (Delivery d : deliveries.ready(clock.instant())) {
            String outcome = send(d);
            outcomes.merge(outcome, 1, Integer::sum);
            log.accept("deliver: subscriber " + d.subscriberId() + ", " + d.localDate() + ": " + outcome);
        }
        return new Report(planned, recovered, outcomes);
    }

    /** Creates the rows that have come due (pending), or skipped when due longer ago than the cut-off. */
    public int plan() throws StoreException {
        Instant now = clock.instant();
        int created = 0;
        // one read of what exists (the earliest local date anywhere on Earth is UTC's date minus one)
        java.util.Set<String> planned = deliveries.plannedSince(
                LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(LOOKBACK_DAYS + 1));
        Map<Long, DeliveryStore.Latest> latest = deliveries.latest(
                LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(LOOKBACK_DAYS + 1));
        for (Subscriber s : subscribers.active()) {
            LocalDate today = DeliverySchedule.today(now, s.zone());
            DeliveryStore.Latest last = latest.get(s.id());
            for (LocalDate d = today.minusDays(LOOKBACK_DAYS); !d.isAfter(today); d = d.plusDays(1)) {
                Instant due = DeliverySchedule.due(d, s.deliveryTime(), s.zone());
                if (due.isAfter(now) || s.confirmedAt() == null || due.isBefore(s.confirmedAt())
                        || planned.contains(s.id() + "/" + d)) {
                    continue;
                }
                // whatever the time zone does: never a day behind the last one, never two digests within 20 hours
                if (last != null && (!d.isAfter(last.date()) || last.due() != null
                        && Duration.between(last.due(), due).compareTo(MIN_GAP) < 0
                        && Duration.between(last.due(), now).compareTo(MIN_GAP) < 0)) {
                    continue;
                }
                boolean late = Duration.between(due, now).compareTo(settings.lateCutoff()) > 0;
                if (deliveries.plan(s.id(), d, due, late ? Delivery.SKIPPED : Delivery.PENDING, messageId(s, d),
                        late ? "not sent: the service was not running within " + settings.lateCutoff().toHours()
                                + " h of the delivery time; its episodes go into the next digest" : null)) {
                    created++;
                }
            }
        }
        return created;
    }

    /**
     * Today's digest for {@code s} right now (the "make it now" button): plans today's row as due now and sends it.
     * It is today's one email; a day already planned is left as it is. Returns the row's state afterwards.
     */
    public String sendNow(Subscriber s) throws StoreException {
        Instant now = clock.instant();
        LocalDate today = DeliverySchedule.today(now, s.zone());
        if (deliveries.plan(s.id(), today, now, Delivery.PENDING, messageId(s, today), null)) {
            deliveries.markAsked(deliveries.find(s.id(), today).orElseThrow().id());
        }
        Delivery d = deliveries.find(s.id(), today).orElseThrow();
        if (Delivery.EMPTY.equals(d.state()) && deliveries.reopenEmpty(d.id(), now)) {
            d = deliveries.find(d.id()).orElseThrow(); // nothing new earlier today: asked again, look again
        }
        return Delivery.PENDING.equals(d.state()) ? send(d) : d.state();
    }

    /** Gives back rows claimed by workers that stopped (no update for the lease time). */
    public int recover() throws StoreException {
        int n = 0;
        for (Delivery d : deliveries.stale(clock.instant().minus(settings.lease()))) {
            if (deliveries.release(d)) {
                n++;
            }
        }
        return n;
    }

    /** Sends one ready row; returns its new state (or "taken" when another worker claimed it first). */
    String send(Delivery row) throws StoreException {
        if (!deliveries.claim(row.id(), row.state())) {
            return "taken";
        }
        checkpoint.reached("claimed");
        Subscriber s = subscribers.find(row.subscriberId()).orElse(null);
        if (s == null || !s.active()) {
            deliveries.finish(row.id(), Delivery.SKIPPED, "the subscriber is no longer active", null);
            return Delivery.SKIPPED;
        }
        if (!row.hasContent()) {
            DigestEmail.Parts parts = compose(s, row);
            if (parts == null) {
                deliveries.finish(row.id(), Delivery.EMPTY, "no new insights in the followed podcasts", null);
                return Delivery.EMPTY;
            }
        }
        Delivery d = deliveries.find(row.id()).orElseThrow(); // as claimed: this attempt counted, content fixed
        deliveries.smtpStarted(d.id());
        checkpoint.reached("smtp-started");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + links.unsubscribe(s.id(), s.linkKey()) + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        headers.put("Auto-Submitted", "auto-generated");
        SendResult result = mailer.send(new Email(s.email(), d.subject(), d.bodyText(), d.bodyHtml(), d.messageId(),
                headers));
        checkpoint.reached("smtp-done");
        switch (result.kind()) {
            case SENT -> {
                deliveries.finish(d.id(), Delivery.SENT, null, null);
                return Delivery.SENT;
            }
            case PERMANENT -> {
                deliveries.finish(d.id(), Delivery.FAILED, "bounced: " + result.detail(), null);
                subscribers.markBounced(s.id(), result.detail());
                return Delivery.FAILED;
            }
            default -> {
                int attempts = d.attempts();
                if (attempts >= settings.maxAttempts()) {
                    deliveries.finish(d.id(), Delivery.FAILED, "gave up after " + attempts + " attempts: "
                            + result.detail(), null);
                    return Delivery.FAILED;
                }
                deliveries.finish(d.id(), Delivery.PENDING, "attempt " + attempts + " deferred: " + result.detail(),
                        clock.instant().plus(backoff(attempts)));
                return "retry";
            }
        }
    }

    /** Builds the digest and fixes the email in the row, in one transaction; null when there is nothing new. */
    private DigestEmail.Parts compose(Subscriber s, Delivery row) throws StoreException {
        List<StoredPodcast> podcasts = subscribers.podcasts(s.id());
        float[] topics = s.topics() == null || s.topics().isBlank() ? null : topicVector.apply(s.topics());
        DigestService.Outcome outcome = podcasts.isEmpty() ? new DigestService.Outcome(List.of(), null)
                : digests.makeWithHero(s.historyKey(), podcasts, null, topics,
                        digests.taste(subscribers.votes(s.id(), dev.podsift.digest.Taste.MAX_VOTES), topics),
                        settings.top());
        List<DigestItem> items = outcome.items();
        if (outcome.hero() != null) {
            log.accept("digest of subscriber " + s.id() + " for " + row.localDate() + ": hero " + outcome.hero().spent());
        }
        if (items.isEmpty()) {
            return null;
        }
        DigestEmail.Parts parts = new DigestEmail(links).render(s, row.localDate(), items);
        String json = new DigestRenderer().render(items, clock.instant(), DigestRenderer.Format.JSON);
        db.atomically(() -> {
            long digestId = digests.record(s.historyKey(), items, json);
            if (!deliveries.saveContent(row.id(), digestId, parts.subject(), parts.text(), parts.html())) {
                throw new StoreException("delivery " + row.id() + " was taken over while composing", null);
            }
            return digestId;
        });
        return parts;
    }

    /** 5 min, 10, 20, … capped at 2 h. */
    static Duration backoff(int attempts) {
        long minutes = 5L << Math.min(Math.max(attempts - 1, 0), 5);
        return Duration.ofMinutes(Math.min(minutes, 120));
    }

    /** Deterministic: the same subscriber and date always give the same Message-ID. */
    String messageId(Subscriber s, LocalDate date) {
        return "<digest." + date + "." + s.id() + "@" + links.host() + ">";
    }

    /** The rows planned so far for a subscriber (newest first), for pages and tests. */
    public List<Delivery> history(long subscriberId, int limit) throws StoreException {
        return new ArrayList<>(deliveries.recent(subscriberId, limit));
    }
}

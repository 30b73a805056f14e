package dev.podsift.service;

import dev.podsift.app.App;
import dev.podsift.app.Progress;
import dev.podsift.auth.Links;
import dev.podsift.config.ServiceSettings;
import dev.podsift.auth.Secrets;
import dev.podsift.auth.Tokens;
import dev.podsift.delivery.DeliveryService;
import dev.podsift.mail.Mailer;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The daily service's parts around one {@link App}: signed links, the mailer, the delivery service, the background
 * tasks. {@code serve} adds the web app on top; {@code worker} runs the tasks alone.
 */
public final class Service implements AutoCloseable {
    private final App app;
    private final ServiceSettings settings;
    private final Tokens tokens;
    private final Links links;
    private final Mailer mailer;
    private final DeliveryService delivery;
    private final PrintStream log;
    private BackgroundTasks tasks;
    /** How often deliver looks for due digests: a digest leaves at most this long after its minute. */
    static final java.time.Duration DELIVER_EVERY = java.time.Duration.ofSeconds(30);

    public Service(App app, PrintStream log) throws IOException {
        this.app = app;
        this.log = dev.podsift.app.StampedLines.of(log, app.clock()); // every line says when
        this.settings = app.config().service();
        this.tokens = new Tokens(Secrets.load(settings.secret(), app.config().dataDir()), app.clock());
        this.links = new Links(settings.baseUrl(), tokens);
        this.mailer = new Mailer(settings.mail());
        // a claimed digest outlives its worker by little: no deliver run lasts past its budget, and a killed
        // worker's claim is then taken back as soon as a dead task would be
        DeliveryService.Settings ds = new DeliveryService.Settings(settings.lateCutoff(), 8,
                settings.deliverBudget().plus(settings.taskDeadAfter()), 5);
        this.delivery = new DeliveryService(app.database(), app.subscribers(), app.deliveries(), app.digestService(),
                topics -> app.embedder().embed(List.of(topics))[0], mailer, links, app.clock(), ds);
        this.delivery.log(this.log::println);
    }

    /** Starts the background tasks (idempotent work: several processes may run them against one database). */
    public void startTasks(int threads) {
        try {
            int moved = app.podcasts().capNextPolls(settings.pollInterval());
            if (moved > 0) {
                log.printf("polling: %d feed(s) read sooner, every %d minutes now (PODSIFT_POLL_MINUTES)%n", moved,
                        settings.pollInterval().toMinutes());
            }
        } catch (StoreException e) {
            log.println("polling: could not apply PODSIFT_POLL_MINUTES to the stored feeds: " + e.getMessage());
        }
        tasks = new BackgroundTasks(app.database().dataSource(), tasks(threads), app.clock(), this::refresh,
                this::deliver, this::scan, this::prepareDigest, this::retrain, log::println);
        tasks.start();
    }

    /** How the background tasks run, from the settings: {@code threads} for refresh and scans. */
    public BackgroundTasks.Settings tasks(int threads) {
        return new BackgroundTasks.Settings(settings.pollInterval(), threads, settings.taskBudget(),
                settings.deliverBudget(), settings.taskDeadAfter(), DELIVER_EVERY);
    }

    /** Reads the followed feeds whose next poll has come, then transcribes and analyses what is new. */
    public void refresh() throws StoreException {
        java.util.Set<Long> due = app.podcasts().due(app.clock().instant());
        List<StoredPodcast> followed = new java.util.ArrayList<>(app.subscribers().followedPodcasts());
        followed.removeIf(p -> !due.contains(p.id()));
        if (followed.isEmpty()) {
            return;
        }
        var summary = app.pipeline(new Progress(log, false, app.clock())).run(followed, null, null);
        log.printf("refresh: %d feed(s), %d unreachable; %d episode(s) analyzed, %d failed, %d deferred%n",
                summary.feeds(), summary.feedErrors(), summary.analyzed(), summary.failed(), summary.deferred());
    }

    /** Plans and sends the digests that are due. */
    public void deliver() throws StoreException {
        DeliveryService.Report r = delivery.tick();
        if (r.planned() > 0 || r.recovered() > 0 || !r.outcomes().isEmpty()) {
            log.printf("deliver: %d planned, %d recovered, %s%n", r.planned(), r.recovered(), r.outcomes());
        }
    }

    /**
     * Refits the vote layer once enough new votes arrived, adopting it only if it does at least as well on the
     * held-back verdicts; logged and shown on the admin page either way.
     */
    public void retrain() throws StoreException {
        var outcome = app.retrainer(log::println).run(false);
        if ("skipped".equals(outcome.state())) {
            log.println("retrain: skipped: " + outcome.note());
        }
    }

    /** Reads one feed and processes its new episodes (right after someone follows it). */
    public void scan(long podcastId) throws StoreException {
        for (StoredPodcast p : app.podcasts().list()) {
            if (p.id() == podcastId) {
                app.pipeline(new Progress(log, false, app.clock())).run(List.of(p), null, null);
            }
        }
    }

    /**
     * Today's digest for one subscriber, now: reads their feeds that were not read in the last 15 minutes (a feed
     * read just now is not fetched again), then sends it (it is today's one email).
     */
    public void prepareDigest(long subscriberId) throws StoreException {
        var s = app.subscribers().find(subscriberId).filter(dev.podsift.store.Subscriber::active).orElse(null);
        if (s == null) {
            return;
        }
        java.time.Instant fresh = app.clock().instant().minus(java.time.Duration.ofMinutes(15));
        List<StoredPodcast> stale = new java.util.ArrayList<>(app.subscribers().podcasts(s.id()));
        stale.removeIf(p -> p.lastCheckedAt() != null && p.lastCheckedAt().isAfter(fresh));
        if (!stale.isEmpty()) {
            app.pipeline(new Progress(log, false, app.clock())).run(stale, null, null);
        }
        log.printf("prepare-digest: subscriber %d: %s%n", s.id(), delivery.sendNow(s));
    }

    /** Asks the background workers for a subscriber's digest now; without them running, nothing happens. */
    public void prepareDigestSoon(long subscriberId) {
        if (tasks != null) {
            tasks.prepareSoon(subscriberId);
        }
    }

    /** Whether a subscriber's digest is queued or being prepared by the background workers. */
    public boolean preparingDigest(long subscriberId) {
        return tasks != null && tasks.preparing(subscriberId);
    }

    /** A line in the service's log. */
    public void log(String line) {
        log.println(line);
    }

    /** Asks the background tasks to read a feed soon; without them running, the next refresh reads it. */
    public void scanSoon(long podcastId) {
        if (tasks != null) {
            tasks.scanSoon(podcastId);
        }
    }

    public List<BackgroundTasks.Row> taskRows() {
        return tasks == null ? List.of() : tasks.rows();
    }

    public App app() {
        return app;
    }

    public ServiceSettings settings() {
        return settings;
    }

    public Tokens tokens() {
        return tokens;
    }

    public Links links() {
        return links;
    }

    public Mailer mailer() {
        return mailer;
    }

    public DeliveryService delivery() {
        return delivery;
    }

    @Override
    public void close() {
        if (tasks != null) {
            tasks.close();
        }
        mailer.close();
    }
}

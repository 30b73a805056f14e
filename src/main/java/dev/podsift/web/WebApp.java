package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.auth.Tokens;
import dev.podsift.delivery.DeliverySchedule;
import dev.podsift.service.Service;
import dev.podsift.store.Delivery;
import dev.podsift.store.SignInStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.Subscriber;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web app: the frame every request goes through (security headers, visitor cookie, form tokens, errors) and
 * the reading routes (today, a day, archive, search, episodes, votes, unsubscribe, private feeds); accounts, settings,
 * admin and the JSON API are route groups of their own ({@link AccountRoutes}, {@link SettingsRoutes},
 * {@link AdminRoutes}, {@link ApiRoutes}).
 */
public final class WebApp implements AutoCloseable {
    static final String SESSION = Sessions.SESSION;
    private static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Service service;
    private final App app;
    private final RateLimiter runs;
    private final AccountMail accountMail;
    private final Sessions sessions;
    private final Pages pages;
    private final SignedLinks signedLinks;
    private final Following following;
    private final ContentAccess access;
    private final AccountRoutes account;
    private final SettingsRoutes settings;
    private final AdminRoutes admin;
    private final ApiRoutes api;
    private final VoteRoutes votes;
    private Javalin server;

    public WebApp(Service service) {
        this.service = service;
        this.app = service.app();
        SignInStore signIns = new SignInStore(app.database(), app.clock());
        this.runs = new RateLimiter(3, Duration.ofHours(1), app.clock());
        this.sessions = new Sessions(service.tokens(), app.subscribers(), signIns, app.clock(),
                service.settings().baseUrl().startsWith("https://"));
        this.pages = new Pages(sessions, service.settings().admins());
        this.signedLinks = new SignedLinks(service.tokens(), app.subscribers(), signIns);
        this.accountMail = new AccountMail(service.mailer(), service.links(),
                new RateLimiter(3, Duration.ofMinutes(10), app.clock()), service::log);
        this.following = new Following(app, service::scanSoon);
        this.access = new ContentAccess(app, pages);
        this.account = new AccountRoutes(app, sessions, signIns, signedLinks, pages, accountMail,
                new ClientAddress(service.settings().trustedProxies()));
        this.api = new ApiRoutes(app, sessions, service.links(), following, access);
        this.settings = new SettingsRoutes(app, service, sessions, pages, following);
        this.admin = new AdminRoutes(app, service, sessions, pages);
        this.votes = new VoteRoutes(app, sessions, signedLinks, pages, access, service.links().base());
    }

    /** Starts listening; {@code port} 0 picks a free one. Returns the port. */
    public int start(String host, int port) {
        long maxOpml = app.config().maxOpmlBytes();
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // the upload may pass the cap by one byte so the page can say which setting it hit
            cfg.jetty.multipartConfig.maxFileSize(maxOpml + 1, io.javalin.config.SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(maxOpml + 10_000, io.javalin.config.SizeUnit.BYTES);
            cfg.http.maxRequestSize = maxOpml + 10_000;
            routes(cfg.routes);
        });
        server.start(host, port);
        return server.port();
    }

    /**
     * Reads and drops a refused body that is at most a few times the limit, so the sender, still writing it, gets the
     * refusal: a server that closes with unread bytes resets the connection and the browser shows "connection reset"
     * instead of the page naming the setting. Larger bodies are refused unread (and may see that reset).
     */
    private static void discardBody(io.javalin.http.Context ctx, long limit) {
        if (ctx.contentLength() > 4 * limit) {
            return;
        }
        try (java.io.InputStream in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the sender went away: nothing to answer
        }
    }

    private void routes(io.javalin.config.RoutesConfig r) {
        r.before(ctx -> {
            ctx.header("Content-Security-Policy", CSP);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
            ctx.header("X-Frame-Options", "DENY");
            ctx.header("Cache-Control", "no-store");
            sessions.visitor(ctx);
            if (ctx.header("X-HTTP-Method-Override") != null || ctx.header("X-Method-Override") != null) {
                // a method is what the request line says: no header turns a POST into a PUT or a DELETE
                throw new Refused(HttpStatus.BAD_REQUEST, "Method override headers are not accepted.");
            }
            if (ctx.contentLength() > app.config().maxOpmlBytes() + 10_000) {
                // larger than any form or file this server takes (an OPML file is the largest): refused unstored
                discardBody(ctx, app.config().maxOpmlBytes() + 10_000);
                throw new Refused(HttpStatus.CONTENT_TOO_LARGE, "That upload is larger than the limit of "
                        + app.config().maxOpmlBytes() + " bytes (PODSIFT_MAX_OPML_BYTES).");
            }
            if (ctx.method().name().equals("POST") && Sessions.needsFormToken(ctx.path()) && !sessions.formTokenOk(ctx)) {
                throw new Refused(HttpStatus.FORBIDDEN, "This form has expired. Go back, reload the page and try again.");
            }
        });
        r.exception(Refused.class, (e, ctx) -> refuse(ctx, e.status, "Sorry", e.getMessage()));
        r.exception(StoreException.class, (e, ctx) -> {
            // the database's words (SQL, file names) go to the log, never to the visitor
            service.log("web: " + ctx.method() + " " + ctx.path() + ": the store failed: " + e.getMessage());
            refuse(ctx, HttpStatus.SERVICE_UNAVAILABLE, "Something went wrong",
                    "The database did not answer. Nothing you sent was lost; try again in a minute.");
        });
        r.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> refuse(ctx,
                HttpStatus.forStatus(e.getStatus()), "Sorry", e.getStatus() == 413
                        ? "That upload is larger than the limit of " + app.config().maxOpmlBytes()
                        + " bytes (PODSIFT_MAX_OPML_BYTES)." : e.getMessage()));
        r.get("/static/podsift.css", ctx -> asset(ctx, "podsift.css", "text/css; charset=utf-8"));
        r.get("/static/podsift.js", ctx -> asset(ctx, "podsift.js", "text/javascript; charset=utf-8"));
        r.get("/", ctx -> {
            if (sessions.current(ctx).isPresent()) {
                ctx.redirect("/today");
                return;
            }
            Pages.html(ctx, pages.render("home", Map.of("page", pages.page(ctx, "Daily podcast insights", null))));
        });
        account.register(r);
        r.get("/today", this::today);
        r.get("/digest/{date}", this::day);
        r.get("/archive", ctx -> {
            Subscriber s = sessions.required(ctx);
            Pages.html(ctx, pages.render("archive", Map.of("page", pages.page(ctx, "Archive", null),
                    "rows", app.deliveries().recent(s.id(), 365))));
        });
        r.get("/search", ctx -> {
            Subscriber s = sessions.required(ctx);
            String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
            q = q.length() > 200 ? q.substring(0, 200) : q;
            var results = q.isEmpty() ? List.<dev.podsift.store.StoredInsight>of()
                    : app.insights().searchDelivered(s.historyKey(), q, 50);
            Map<Long, Integer> votes = new HashMap<>();
            Map<Long, String> reasons = new HashMap<>();
            for (var i : results) {
                votes.put(i.id(), app.subscribers().voteOf(s.id(), i.id()));
                reasons.put(i.id(), app.subscribers().reasonOf(s.id(), i.id()));
            }
            Pages.html(ctx, pages.render("search", Map.of("page", pages.page(ctx, "Search", null), "query", q,
                    "results", results, "votes", votes, "reasons", reasons)));
        });
        settings.register(r);
        r.get("/insight/{id}", ctx -> {
            Subscriber s = sessions.required(ctx);
            var insight = access.insight(s, ctx.pathParam("id"));
            ctx.redirect("/episode/" + insight.episode().episodeId() + "#i" + insight.id());
        });
        r.get("/episode/{id}", ctx -> {
            Subscriber s = sessions.required(ctx);
            long id = access.episode(s, ctx.pathParam("id"));
            var e = app.episodes().find(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such episode."));
            var t = app.episodes().transcript(id)
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "This episode has no transcript yet."));
            var insights = app.insights().forEpisodes(java.util.Set.of(id));
            Map<String, Object> m = new HashMap<>();
            m.put("page", pages.page(ctx, e.title() == null ? "Episode" : e.title(), null));
            m.put("podcast", e.podcastTitle() == null ? "" : e.podcastTitle());
            m.put("episode", e.title() == null ? "Episode" : e.title());
            m.put("episodeUrl", dev.podsift.digest.Html.safeUrl(e.link()));
            String audio = insights.isEmpty() ? null : insights.get(0).episode().audioUrl();
            m.put("lines", EpisodeView.lines(t, insights, audio));
            Pages.html(ctx, pages.render("episode", m));
        });
        r.post("/run", this::runNow);
        votes.register(r);
        r.get("/unsubscribe", this::unsubscribePage);
        r.post("/unsubscribe", this::unsubscribe);
        r.get("/feeds/{file}", this::privateFeed);
        admin.register(r);
        api.register(r);
    }

    // ---- digests ----

    private void today(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        LocalDate today = DeliverySchedule.today(app.clock().instant(), s.zone());
        Optional<Delivery> d = app.deliveries().find(s.id(), today);
        if (d.isEmpty()) {
            // a time zone moved back a day after today's digest: today is the day last sent, as in the archive
            Optional<Delivery> newest = app.deliveries().recent(s.id(), 1).stream().findFirst();
            if (newest.isPresent() && newest.get().localDate().isAfter(today)) {
                today = newest.get().localDate();
                d = newest;
            }
        }
        boolean passed = !app.clock().instant().isBefore(DeliverySchedule.due(today, s.deliveryTime(), s.zone()));
        String when = s.active() ? (passed ? "Your next digest arrives tomorrow at " : "Your digest for today arrives at ")
                + s.deliveryTime() + " (" + s.zone().getId() + ")" : "You are not subscribed: no digest is sent. "
                + "Subscribe again in Settings";
        digestPage(ctx, s, "Today · " + today, d, s.active(), when + (app.subscribers().podcasts(s.id()).isEmpty()
                ? ". Follow some podcasts in Settings first." : "."));
    }

    private void day(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        LocalDate date;
        try {
            date = LocalDate.parse(ctx.pathParam("date"));
        } catch (DateTimeException e) {
            throw new Refused(HttpStatus.NOT_FOUND, "No such day.");
        }
        digestPage(ctx, s, "Digest · " + date, app.deliveries().find(s.id(), date), false, "No digest that day.");
    }

    private void digestPage(Context ctx, Subscriber s, String heading, Optional<Delivery> d, boolean runNow,
                            String empty) throws StoreException {
        DigestView view = null;
        if (d.isPresent() && d.get().digestId() != null) {
            view = app.digests().json(d.get().digestId()).map(DigestView::parse).orElse(null);
        } else if (d.isPresent()) {
            empty = switch (d.get().state()) {
                case Delivery.EMPTY -> "Nothing new today: no unseen insights in the episodes of your podcasts.";
                case Delivery.SKIPPED -> "Today's digest was skipped: " + d.get().error();
                default -> "Today's digest is on its way.";
            };
        }
        Map<Long, Integer> votes = new HashMap<>();
        Map<Long, String> reasons = new HashMap<>();
        if (view != null) {
            for (DigestView.Item i : view.items()) {
                votes.put(i.insightId(), app.subscribers().voteOf(s.id(), i.insightId()));
                reasons.put(i.insightId(), app.subscribers().reasonOf(s.id(), i.insightId()));
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", pages.page(ctx, heading, null));
        m.put("heading", heading);
        m.put("digest", view);
        m.put("empty", empty);
        // offered while today has nothing sent (no row yet, or "nothing new" so far) and something is followed
        boolean open = runNow && (d.isEmpty() || Delivery.EMPTY.equals(d.get().state()));
        // today's row is planned or claimed by a worker (it claims before building) and has no digest yet
        boolean underway = runNow && d.isPresent() && d.get().digestId() == null
                && (Delivery.PENDING.equals(d.get().state()) || Delivery.SENDING.equals(d.get().state()));
        boolean preparing = underway || open && service.preparingDigest(s.id());
        m.put("preparing", preparing);
        m.put("canRunNow", open && !preparing && !app.subscribers().podcasts(s.id()).isEmpty());
        m.put("votes", votes);
        m.put("reasons", reasons);
        Pages.html(ctx, pages.render("digest", m));
    }

    /**
     * Queues today's digest for the subscriber: the background workers read their feeds that were not read lately,
     * then send it (it is today's one email). A few per hour: each reads feeds on other people's servers.
     */
    private void runNow(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        if (!runs.allow("run:" + s.id())) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Today's digest was asked for several times this hour. "
                    + "Try again later.");
        }
        service.prepareDigestSoon(s.id());
        ctx.redirect("/today");
    }


    // ---- unsubscribe (RFC 8058) ----

    private void unsubscribePage(Context ctx) throws StoreException {
        String t = ctx.queryParam("t");
        Subscriber s = signedLinks.open(t, Tokens.Purpose.UNSUBSCRIBE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid."))
                .subscriber();
        // a GET only asks: mail scanners follow links, and must not unsubscribe anyone
        Pages.html(ctx, pages.render("unsubscribe", Map.of("page", pages.page(ctx, "Unsubscribe", null), "token", t,
                "email", s.email())));
    }

    private void unsubscribe(Context ctx) throws StoreException {
        Subscriber s = signedLinks.open(ctx.queryParam("t"), Tokens.Purpose.UNSUBSCRIBE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid."))
                .subscriber();
        app.subscribers().unsubscribe(s.id());
        sessions.clearCookie(ctx, SESSION);
        Pages.html(ctx, pages.message(ctx, "Unsubscribed", "No more emails will be sent, and every sign-in has "
                + "ended. Sign in any time to read your archive or to subscribe again.", "/", "Home"));
    }

    // ---- private feeds ----

    private void privateFeed(Context ctx) throws StoreException {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String kind = dot < 0 ? "" : file.substring(dot + 1);
        Subscriber s = signedLinks.open(dot < 0 ? file : file.substring(0, dot), Tokens.Purpose.FEED)
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such feed.")).subscriber();
        List<DigestFeeds.Entry> entries = new ArrayList<>();
        for (Delivery d : app.deliveries().recent(s.id(), 30)) {
            if (d.digestId() != null && (Delivery.SENT.equals(d.state()) || Delivery.UNCERTAIN.equals(d.state()))) {
                DigestView v = app.digests().json(d.digestId()).map(DigestView::parse).orElse(null);
                if (v != null) {
                    entries.add(new DigestFeeds.Entry(d.localDate(), d.subject(), d.messageId(),
                            d.sentAt() == null ? d.dueAt() : d.sentAt(), v));
                }
            }
        }
        DigestFeeds feeds = new DigestFeeds(service.links());
        String body = switch (kind) {
            case "rss" -> feeds.rss(s, entries);
            case "atom" -> feeds.atom(s, entries);
            default -> throw new Refused(HttpStatus.NOT_FOUND, "No such feed.");
        };
        // feed readers poll: they may keep a copy and ask whether it changed (ETag), and get a 304 when not
        String etag = "\"" + Tokens.hash(body).substring(0, 32) + "\"";
        ctx.header("Cache-Control", "private, no-cache");
        ctx.header("ETag", etag);
        String known = ctx.header("If-None-Match");
        if (known != null && java.util.Arrays.stream(known.split(",")).map(String::strip)
                .anyMatch(t -> t.equals(etag) || t.equals("W/" + etag) || t.equals("*"))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType(kind.equals("rss") ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8")
                .result(body);
    }

    // ---- helpers ----

    private void refuse(Context ctx, HttpStatus status, String heading, String message) {
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.json(Map.of("error", message));
        } else {
            Pages.html(ctx, pages.message(ctx, heading, message, "/", "Home"));
        }
    }

    private static void asset(Context ctx, String name, String type) throws IOException {
        try (InputStream in = WebApp.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                ctx.status(HttpStatus.NOT_FOUND);
                return;
            }
            ctx.header("Cache-Control", "public, max-age=3600");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }



    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        accountMail.close();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.auth.Tokens;
import dev.podsift.delivery.DeliverySchedule;
import dev.podsift.feed.FeedException;
import dev.podsift.feed.Opml;
import dev.podsift.mail.SendResult;
import dev.podsift.service.Service;
import dev.podsift.store.Delivery;
import dev.podsift.store.SignInStore;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web app: server-rendered pages (jte templates, escaped), sessions by emailed magic link, a form token on
 * every POST, rate limits on sign-up, sign-in and feed-add, a strict Content-Security-Policy, and the JSON API that
 * mirrors the pages (see the README).
 */
public final class WebApp implements AutoCloseable {
    static final String SESSION = Sessions.SESSION;
    private static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Service service;
    private final App app;
    private final RateLimiter searches;
    private final RateLimiter runs;
    private final AccountMail accountMail;
    private final Sessions sessions;
    private final Pages pages;
    private final SignedLinks signedLinks;
    private final Following following;
    private final ContentAccess access;
    private final AccountRoutes account;
    private final ApiRoutes api;
    private Javalin server;

    public WebApp(Service service) {
        this.service = service;
        this.app = service.app();
        SignInStore signIns = new SignInStore(app.database(), app.clock());
        this.searches = new RateLimiter(30, Duration.ofMinutes(10), app.clock());
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
                // larger than any form or file this server takes (an OPML file is the largest): refused unread
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
            for (var i : results) {
                votes.put(i.id(), app.subscribers().voteOf(s.id(), i.id()));
            }
            Pages.html(ctx, pages.render("search", Map.of("page", pages.page(ctx, "Search", null), "query", q,
                    "results", results, "votes", votes)));
        });
        r.get("/settings", ctx -> settingsPage(ctx, sessions.required(ctx), null, null));
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
        r.post("/settings", this::saveSettings);
        r.post("/feeds", this::addFeed);
        r.post("/feeds/remove", ctx -> {
            Subscriber s = sessions.required(ctx);
            app.subscribers().unfollow(s.id(), Params.longParam(ctx.formParam("podcast")));
            settingsPage(ctx, s, "Unfollowed.", null);
        });
        r.post("/opml", this::importOpml);
        r.post("/catalog", ctx -> {
            Subscriber s = sessions.required(ctx);
            String name = Optional.ofNullable(ctx.formParam("topic")).orElse("");
            var topic = dev.podsift.service.StarterCatalog.load().stream().filter(t -> t.name().equals(name))
                    .findFirst().orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "No such topic in the catalog."));
            // the catalog's own shows: followed at once, without counting against the limit on new feeds
            for (Opml.Outline o : topic.shows()) {
                long id = app.podcasts().add(o.url());
                app.podcasts().recordScan(id, o.title(), null, null);
                app.subscribers().follow(s.id(), id);
                service.scanSoon(id);
            }
            settingsPage(ctx, s, "Following " + topic.shows().size() + " shows on " + topic.name()
                    + ". Their latest episodes are being read now.", null);
        });
        r.post("/run", this::runNow);
        r.post("/vote", ctx -> {
            if (ctx.formParam("t") != null) {
                voteFromEmail(ctx);
                return;
            }
            Subscriber s = sessions.required(ctx);
            long insight = access.delivered(s, ctx.formParam("insight")).id();
            int vote = "1".equals(ctx.formParam("vote")) ? 1 : -1;
            app.subscribers().vote(s.id(), insight, vote);
            ctx.redirect(SameSite.back(ctx.header("Referer"), service.links().base(), "/today") + "#i" + insight);
        });
        r.get("/vote", this::askVote);
        r.post("/links/rotate", ctx -> {
            Subscriber s = app.subscribers().rotateLinks(sessions.required(ctx).id());
            settingsPage(ctx, s, "New links made: the vote and unsubscribe links in earlier emails and your old "
                    + "private feed addresses no longer work.", null);
        });
        r.get("/unsubscribe", this::unsubscribePage);
        r.post("/unsubscribe", this::unsubscribe);
        r.get("/feeds/{file}", this::privateFeed);
        r.get("/admin", this::admin);
        r.post("/admin/refresh", ctx -> {
            requireAdmin(ctx);
            long id = Params.longParam(ctx.formParam("podcast"));
            app.podcasts().list().stream().filter(p -> p.id() == id).findFirst()
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such feed."));
            service.scanSoon(id);
            ctx.redirect("/admin?queued=" + id);
        });
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
        if (view != null) {
            for (DigestView.Item i : view.items()) {
                votes.put(i.insightId(), app.subscribers().voteOf(s.id(), i.insightId()));
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", pages.page(ctx, heading, null));
        m.put("heading", heading);
        m.put("digest", view);
        m.put("empty", empty);
        // offered while today has nothing sent (no row yet, or "nothing new" so far) and something is followed
        boolean open = runNow && (d.isEmpty() || Delivery.EMPTY.equals(d.get().state()));
        boolean preparing = open && service.preparingDigest(s.id());
        m.put("preparing", preparing);
        m.put("canRunNow", open && !preparing && !app.subscribers().podcasts(s.id()).isEmpty());
        m.put("votes", votes);
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

    /** A GET of an emailed 👍/👎 link: shows the insight and a button; a mail scanner's GET changes nothing. */
    private void askVote(Context ctx) throws StoreException {
        String t = ctx.queryParam("t");
        Vote v = vote(t);
        Pages.html(ctx, pages.ask(ctx, v.up() ? "👍 Useful?" : "👎 Not for you?", v.up()
                        ? "Record that this insight was useful: more like it in later digests."
                        : "Record that this insight was not for you: fewer like it in later digests.",
                v.text(), "/vote", t, v.up() ? "Yes, useful" : "Yes, not for me"));
    }

    private void voteFromEmail(Context ctx) throws StoreException {
        Vote v = vote(ctx.formParam("t"));
        app.subscribers().vote(v.subscriberId(), v.insightId(), v.up() ? 1 : -1);
        Pages.html(ctx, pages.message(ctx, "Thanks", (v.up() ? "Noted: more like this. " : "Noted: fewer like this. ")
                + "“" + v.text() + "”", "/today", "Today's digest"));
    }

    private record Vote(long subscriberId, long insightId, boolean up, String text) {
    }

    private Vote vote(String t) throws StoreException {
        SignedLinks.Opened o = signedLinks.open(t, Tokens.Purpose.VOTE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid."));
        String[] parts = o.claim().argument().split(":");
        if (parts.length != 2) {
            throw new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid.");
        }
        var insight = access.delivered(o.subscriber(), parts[0]);
        return new Vote(o.subscriber().id(), insight.id(), parts[1].equals("1"), insight.insight().text());
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

    // ---- settings and feeds ----

    private void saveSettings(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        String topics = Optional.ofNullable(ctx.formParam("topics")).orElse("");
        if (topics.length() > 500) {
            throw new Refused(HttpStatus.BAD_REQUEST, "Topics are limited to 500 characters.");
        }
        app.subscribers().updateSettings(s.id(), topics, Params.time(ctx.formParam("time")), Params.zone(ctx.formParam("zone")));
        settingsPage(ctx, app.subscribers().find(s.id()).orElseThrow(), "Saved.", null);
    }

    private void addFeed(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        String url = Optional.ofNullable(ctx.formParam("url")).orElse("").strip();
        try {
            StoredPodcast p = following.follow(s, url);
            settingsPage(ctx, s, "Following " + (p.title() == null ? p.url() : p.title())
                    + (p.lastCheckedAt() == null ? ": it is being read now; its title, episodes or what went wrong "
                    + "appear in the list below." : "."), null);
        } catch (Refused e) {
            ctx.status(e.status);
            settingsPage(ctx, s, null, e.getMessage());
        }
    }

    private void importOpml(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (RuntimeException e) {
            // the upload is past what the server takes (the file cap plus the form): say which setting it hit
            ctx.status(HttpStatus.CONTENT_TOO_LARGE);
            settingsPage(ctx, s, null, "Cannot import this file: it is larger than the limit of "
                    + app.config().maxOpmlBytes() + " bytes (PODSIFT_MAX_OPML_BYTES).");
            return;
        }
        if (file == null || file.size() == 0) {
            settingsPage(ctx, s, null, "Choose an OPML file to import.");
            return;
        }
        List<Opml.Outline> outlines;
        try (InputStream in = file.content()) {
            long max = app.config().maxOpmlBytes();
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new FeedException("the file is larger than the limit of " + max + " bytes (PODSIFT_MAX_OPML_BYTES)");
            }
            outlines = Opml.read(dev.podsift.feed.FeedDecoder.decode(bytes, null), app.config().maxOpmlFeeds());
        } catch (FeedException | IOException e) {
            ctx.status(HttpStatus.BAD_REQUEST);
            settingsPage(ctx, s, null, "Cannot import " + file.filename() + ": " + e.getMessage());
            return;
        }
        Following.Imported r = following.importAll(s, outlines);
        StringBuilder notice = new StringBuilder("Imported " + r.added() + " feed(s)");
        if (r.already() > 0) {
            notice.append(", ").append(r.already()).append(" already followed");
        }
        if (r.deferred() > 0) {
            notice.append("; ").append(r.deferred()).append(" not yet: at most ").append(Following.NEW_FEEDS)
                    .append(" new feeds per 10 minutes, so import the same file again later (feeds you follow are "
                            + "skipped)");
        }
        if (!r.refused().isEmpty()) {
            notice.append("; skipped ").append(r.refused().size()).append(": ")
                    .append(String.join("; ", r.refused().subList(0, Math.min(5, r.refused().size()))));
        }
        settingsPage(ctx, s, notice.append('.').toString(), null);
    }

    private void settingsPage(Context ctx, Subscriber s, String notice, String error) throws StoreException {
        if (notice == null && ctx.queryParam("welcome") != null) {
            notice = "You're subscribed. Follow a few podcasts and set your topics.";
        }
        if (notice == null && ctx.queryParam("resubscribed") != null && s.active()) {
            notice = "Welcome back: your daily digest starts again at " + s.deliveryTime() + ".";
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", pages.page(ctx, "Settings", notice));
        m.put("subscriber", s);
        List<StoredPodcast> followed = app.subscribers().podcasts(s.id());
        List<Long> ids = followed.stream().map(StoredPodcast::id).toList();
        m.put("feeds", FeedState.of(followed, app.episodes().health(ids),
                app.podcasts().aliases(ids, app.clock().instant().minus(Duration.ofDays(14))), s.zone()));
        m.put("followedUrls", followed.stream().map(StoredPodcast::url).collect(java.util.stream.Collectors.toSet()));
        m.put("rssUrl", service.links().feed(s.id(), s.linkKey(), "rss"));
        m.put("atomUrl", service.links().feed(s.id(), s.linkKey(), "atom"));
        m.put("zones", ZoneChoices.of(s.zone()));
        m.put("error", error);
        m.put("catalog", dev.podsift.service.StarterCatalog.load());
        String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
        m.put("query", q);
        m.put("found", null);
        if (!q.isEmpty() && ctx.method().name().equals("GET")) {
            if (!searches.allow("search:" + s.id())) {
                m.put("error", "Too many searches. Try again in a few minutes.");
            } else {
                try {
                    m.put("found", app.podcastSearch().search(q, 10));
                } catch (FeedException e) {
                    m.put("error", "The podcast search is not answering (" + e.getMessage() + "). Paste the feed URL instead.");
                }
            }
        }
        Pages.html(ctx, pages.render("settings", m));
    }

    // ---- private feeds, admin ----

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

    private Subscriber requireAdmin(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        if (!pages.isAdmin(s)) {
            throw new Refused(HttpStatus.FORBIDDEN, "Only the addresses in PODSIFT_ADMIN_EMAILS may open this page.");
        }
        return s;
    }

    private void admin(Context ctx) throws StoreException {
        Subscriber s = requireAdmin(ctx);
        String next = "";
        for (var t : service.taskRows()) {
            if (t.task().equals("refresh-feeds") && t.next() != null) {
                next = Times.at(t.next(), s.zone(), "");
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", pages.page(ctx, "Admin", ctx.queryParam("queued") != null
                ? "Feed " + ctx.queryParam("queued").replaceAll("\\D", "") + " is queued to be read now." : null));
        m.put("feeds", app.podcasts().list());
        m.put("polls", app.podcasts().nextPolls());
        m.put("storms", app.podcasts().storms(app.clock().instant().minus(Duration.ofDays(30))));
        m.put("nextPoll", next.isEmpty() ? "not scheduled" : next);
        m.put("stages", app.episodes().countByStage());
        m.put("failures", app.episodes().failures(50));
        m.put("deliveries", app.deliveries().countByState());
        m.put("problems", app.deliveries().problems(50));
        m.put("tasks", service.taskRows());
        m.put("subscribers", app.subscribers().all().size());
        m.put("zone", s.zone());
        Pages.html(ctx, pages.render("admin", m));
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

package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.auth.Tokens;
import dev.podsift.delivery.DeliverySchedule;
import dev.podsift.feed.FeedException;
import dev.podsift.feed.Opml;
import dev.podsift.mail.SendResult;
import dev.podsift.service.Service;
import dev.podsift.store.Delivery;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The web app: server-rendered pages (jte templates, escaped), sessions by emailed magic link, a form token on
 * every POST, rate limits on sign-up, sign-in and feed-add, a strict Content-Security-Policy, and the JSON API that
 * mirrors the pages (see the README).
 */
public final class WebApp implements AutoCloseable {
    static final String SESSION = Sessions.SESSION;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>\"',;]{1,64}@[^@\\s<>\"',;]{1,190}\\.[^@\\s<>\"',;]{2,}$");
    private static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final Service service;
    private final App app;
    private final Tokens tokens;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final RateLimiter signUps;
    private final RateLimiter signIns;
    private final RateLimiter feedAdds;
    private final RateLimiter searches;
    private final AccountMail accountMail;
    private final Sessions sessions;
    private final ApiRoutes api;
    private Javalin server;

    public WebApp(Service service) {
        this.service = service;
        this.app = service.app();
        this.tokens = service.tokens();
        this.signUps = new RateLimiter(5, Duration.ofMinutes(10), app.clock());
        this.signIns = new RateLimiter(5, Duration.ofMinutes(10), app.clock());
        this.feedAdds = new RateLimiter(20, Duration.ofMinutes(10), app.clock());
        this.searches = new RateLimiter(30, Duration.ofMinutes(10), app.clock());
        this.accountMail = new AccountMail(service.mailer(), service.links());
        this.sessions = new Sessions(tokens, app.subscribers(), service.settings().baseUrl().startsWith("https://"));
        this.api = new ApiRoutes(app, sessions, service.links(), this::follow);
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
            if (ctx.method().name().equals("POST") && Sessions.needsFormToken(ctx.path()) && !sessions.formTokenOk(ctx)) {
                throw new Refused(HttpStatus.FORBIDDEN, "This form has expired. Go back, reload the page and try again.");
            }
        });
        r.exception(Refused.class, (e, ctx) -> {
            ctx.status(e.status);
            if (ctx.path().startsWith("/api/")) {
                ctx.json(Map.of("error", e.getMessage()));
            } else {
                html(ctx, message(ctx, "Sorry", e.getMessage(), "/", "Home"));
            }
        });
        r.exception(StoreException.class, (e, ctx) -> {
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
            html(ctx, message(ctx, "Something went wrong", "The database did not answer (" + e.getMessage()
                    + "). Nothing you sent was lost; try again in a minute.", null, null));
        });
        r.get("/static/podsift.css", ctx -> asset(ctx, "podsift.css", "text/css; charset=utf-8"));
        r.get("/static/podsift.js", ctx -> asset(ctx, "podsift.js", "text/javascript; charset=utf-8"));
        r.get("/", ctx -> {
            if (sessions.current(ctx).isPresent()) {
                ctx.redirect("/today");
                return;
            }
            html(ctx, render("home", Map.of("page", page(ctx, "Daily podcast insights", null))));
        });
        r.post("/signup", this::signUp);
        r.get("/confirm", this::confirm);
        r.get("/login", ctx -> html(ctx, render("login", Map.of("page", page(ctx, "Sign in", null)))));
        r.post("/login", this::signIn);
        r.get("/auth", this::auth);
        r.post("/logout", ctx -> {
            sessions.clearCookie(ctx, SESSION);
            ctx.redirect("/");
        });
        r.get("/today", this::today);
        r.get("/digest/{date}", this::day);
        r.get("/archive", ctx -> {
            Subscriber s = sessions.required(ctx);
            html(ctx, render("archive", Map.of("page", page(ctx, "Archive", null),
                    "rows", app.deliveries().recent(s.id(), 365))));
        });
        r.get("/search", ctx -> {
            Subscriber s = sessions.required(ctx);
            String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
            q = q.length() > 200 ? q.substring(0, 200) : q;
            html(ctx, render("search", Map.of("page", page(ctx, "Search", null), "query", q,
                    "results", q.isEmpty() ? List.of() : app.insights().searchDelivered(s.historyKey(), q, 50))));
        });
        r.get("/settings", ctx -> settingsPage(ctx, sessions.required(ctx), null, null));
        r.get("/insight/{id}", ctx -> {
            sessions.required(ctx);
            var insight = app.insights().find(Params.longParam(ctx.pathParam("id")))
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such insight."));
            ctx.redirect("/episode/" + insight.episode().episodeId() + "#i" + insight.id());
        });
        r.get("/episode/{id}", ctx -> {
            sessions.required(ctx);
            long id = Params.longParam(ctx.pathParam("id"));
            var e = app.episodes().find(id).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such episode."));
            var t = app.episodes().transcript(id)
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "This episode has no transcript yet."));
            var insights = app.insights().forEpisodes(java.util.Set.of(id));
            Map<String, Object> m = new HashMap<>();
            m.put("page", page(ctx, e.title() == null ? "Episode" : e.title(), null));
            m.put("podcast", e.podcastTitle() == null ? "" : e.podcastTitle());
            m.put("episode", e.title() == null ? "Episode" : e.title());
            m.put("episodeUrl", dev.podsift.digest.Html.safeUrl(e.link()));
            String audio = insights.isEmpty() ? null : insights.get(0).episode().audioUrl();
            m.put("lines", EpisodeView.lines(t, insights, audio));
            html(ctx, render("episode", m));
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
            Subscriber s = sessions.required(ctx);
            long insight = Params.longParam(ctx.formParam("insight"));
            int vote = "1".equals(ctx.formParam("vote")) ? 1 : -1;
            app.subscribers().vote(s.id(), insight, vote);
            String back = ctx.header("Referer");
            ctx.redirect(back != null && back.startsWith(service.links().base()) ? back : "/today");
        });
        r.get("/vote", this::voteFromEmail);
        r.get("/unsubscribe", this::unsubscribePage);
        r.post("/unsubscribe", this::unsubscribe);
        r.get("/feeds/{file}", this::privateFeed);
        r.get("/admin", this::admin);
        api.register(r);
    }

    // ---- sign-up, confirmation, sign-in ----

    private void signUp(Context ctx) throws StoreException {
        if (!signUps.allow("signup:" + ctx.ip())) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-ups from your address. Try again in 10 minutes.");
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            throw new Refused(HttpStatus.BAD_REQUEST, "That does not look like an email address: " + email);
        }
        LocalTime time = Params.time(ctx.formParam("time"));
        ZoneId zone = Params.zone(ctx.formParam("zone"));
        Subscriber s = app.subscribers().signUp(email, time, zone);
        SendResult sent = s.active() ? accountMail.signIn(s) : accountMail.confirmation(s);
        if (sent.kind() != SendResult.Kind.SENT) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "We could not send the email just now ("
                    + sent.detail() + "). Please try again in a few minutes.");
        }
        // the same answer whether or not the address was known: the page never tells who subscribes
        html(ctx, message(ctx, "Check your inbox", "We sent a link to " + email + ". Use it to confirm; nothing "
                + "else is sent until you do.", null, null));
    }

    private void confirm(Context ctx) throws StoreException {
        Tokens.Claim claim = tokens.verify(ctx.queryParam("t"), Tokens.Purpose.CONFIRM)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST,
                        "This confirmation link is not valid or has expired (links last 7 days). Sign up again to get a new one."));
        Subscriber s = app.subscribers().find(claim.subscriberId())
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "This subscription no longer exists."));
        app.subscribers().confirm(s.id());
        sessions.start(ctx, s.id());
        ctx.redirect("/settings?welcome=1");
    }

    private void signIn(Context ctx) throws StoreException {
        if (!signIns.allow("login:" + ctx.ip())) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many sign-in requests. Try again in 10 minutes.");
        }
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
        Optional<Subscriber> s = app.subscribers().findByEmail(email);
        if (s.isPresent() && (s.get().active())) {
            accountMail.signIn(s.get());
        } else if (s.isPresent() && Subscriber.PENDING.equals(s.get().status())) {
            accountMail.confirmation(s.get());
        }
        html(ctx, message(ctx, "Check your inbox", "If " + email + " has a Podsift subscription, a sign-in link "
                + "is on its way.", null, null));
    }

    private void auth(Context ctx) throws StoreException {
        Tokens.Claim claim = tokens.verify(ctx.queryParam("t"), Tokens.Purpose.LOGIN)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST,
                        "This sign-in link is not valid or has expired (links last 30 minutes). Ask for a new one."));
        Subscriber s = app.subscribers().find(claim.subscriberId())
                .filter(x -> x.active() || Subscriber.PENDING.equals(x.status()))
                .orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN, "This subscription is not active. Sign up again."));
        sessions.start(ctx, s.id());
        ctx.redirect("/today");
    }

    // ---- digests ----

    private void today(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        LocalDate today = DeliverySchedule.today(app.clock().instant(), s.zone());
        Optional<Delivery> d = app.deliveries().find(s.id(), today);
        digestPage(ctx, s, "Today · " + today, d, true, "Your digest for today arrives at " + s.deliveryTime()
                + " (" + s.zone().getId() + ")" + (app.subscribers().podcasts(s.id()).isEmpty()
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
        m.put("page", page(ctx, heading, null));
        m.put("heading", heading);
        m.put("digest", view);
        m.put("empty", empty);
        m.put("canRunNow", runNow && d.isEmpty());
        m.put("votes", votes);
        html(ctx, render("digest", m));
    }

    /** Reads the subscriber's feeds now and sends today's digest at once (it is today's one email). */
    private void runNow(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        for (StoredPodcast p : app.subscribers().podcasts(s.id())) {
            service.scan(p.id());
        }
        service.delivery().sendNow(s);
        ctx.redirect("/today");
    }

    private void voteFromEmail(Context ctx) throws StoreException {
        Tokens.Claim claim = tokens.verify(ctx.queryParam("t"), Tokens.Purpose.VOTE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid."));
        String[] parts = claim.argument().split(":");
        if (parts.length != 2) {
            throw new Refused(HttpStatus.BAD_REQUEST, "This feedback link is not valid.");
        }
        long insight = Params.longParam(parts[0]);
        int vote = parts[1].equals("1") ? 1 : -1;
        // a GET records the vote (once: the same link again changes nothing); it never changes anything else
        app.subscribers().vote(claim.subscriberId(), insight, vote);
        html(ctx, message(ctx, "Thanks", vote > 0 ? "Noted: more like this." : "Noted: fewer like this.", "/today",
                "Today's digest"));
    }

    // ---- unsubscribe (RFC 8058) ----

    private void unsubscribePage(Context ctx) throws StoreException {
        String t = ctx.queryParam("t");
        Tokens.Claim claim = tokens.verify(t, Tokens.Purpose.UNSUBSCRIBE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid."));
        Subscriber s = app.subscribers().find(claim.subscriberId())
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "This subscription no longer exists."));
        // a GET only asks: mail scanners follow links, and must not unsubscribe anyone
        html(ctx, render("unsubscribe", Map.of("page", page(ctx, "Unsubscribe", null), "token", t,
                "email", s.email())));
    }

    private void unsubscribe(Context ctx) throws StoreException {
        Tokens.Claim claim = tokens.verify(ctx.queryParam("t"), Tokens.Purpose.UNSUBSCRIBE)
                .orElseThrow(() -> new Refused(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid."));
        app.subscribers().unsubscribe(claim.subscriberId());
        html(ctx, message(ctx, "Unsubscribed", "No more emails will be sent. You can sign up again at any time.",
                "/", "Home"));
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
            StoredPodcast p = follow(ctx, s, url);
            settingsPage(ctx, s, "Following " + (p.title() == null ? p.url() : p.title()) + ".", null);
        } catch (Refused e) {
            ctx.status(e.status);
            settingsPage(ctx, s, null, e.getMessage());
        }
    }

    /** Reads the feed first (a bad URL or feed is refused with the reason), then follows it and queues a scan. */
    private StoredPodcast follow(Context ctx, Subscriber s, String url) throws StoreException {
        if (!feedAdds.allow("feed:" + s.id())) {
            throw new Refused(HttpStatus.TOO_MANY_REQUESTS, "Too many feeds added at once. Try again in 10 minutes.");
        }
        String lower = lower(url);
        if (url.isEmpty() || url.length() > 2000 || !(lower.startsWith("http://") || lower.startsWith("https://"))) {
            // never a local path: the server's files are not the user's to read
            throw new Refused(HttpStatus.BAD_REQUEST, "Give a feed URL starting with http:// or https://.");
        }
        String title;
        dev.podsift.model.Feed feed;
        try {
            feed = app.scanner().read(url);
            title = feed.title();
        } catch (FeedException e) {
            throw new Refused(HttpStatus.UNPROCESSABLE_CONTENT, "Cannot follow " + url + ": " + e.getMessage());
        }
        long id = app.podcasts().add(url);
        app.podcasts().recordScan(id, feed.title(), feed.link(), null);
        app.subscribers().follow(s.id(), id);
        service.scanSoon(id);
        StoredPodcast p = app.podcasts().find(url).orElseThrow();
        return new StoredPodcast(p.id(), p.url(), p.title() == null ? title : p.title(), p.link(), p.lastCheckedAt(),
                p.lastError());
    }

    private void importOpml(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        UploadedFile file = ctx.uploadedFile("file");
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
        int added = 0;
        List<String> refused = new ArrayList<>();
        for (Opml.Outline o : outlines) {
            try {
                if (!lower(o.url()).startsWith("http://") && !lower(o.url()).startsWith("https://")) {
                    throw new FeedException("not an http(s) URL");
                }
                try {
                    dev.podsift.feed.AddressPolicy.of(app.config().allowPrivateNetworks())
                            .check(java.net.URI.create(o.url()));
                } catch (IllegalArgumentException e) {
                    throw new FeedException("not a URL");
                }
                long id = app.podcasts().add(o.url());
                app.subscribers().follow(s.id(), id);
                service.scanSoon(id);
                added++;
            } catch (FeedException e) {
                refused.add(o.url() + ": " + e.getMessage());
            }
        }
        settingsPage(ctx, s, "Imported " + added + " feed(s)" + (refused.isEmpty() ? "." : "; skipped "
                + refused.size() + ": " + String.join("; ", refused.subList(0, Math.min(5, refused.size())))), null);
    }

    private void settingsPage(Context ctx, Subscriber s, String notice, String error) throws StoreException {
        if (notice == null && ctx.queryParam("welcome") != null) {
            notice = "You're subscribed. Follow a few podcasts and set your topics.";
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", page(ctx, "Settings", notice));
        m.put("subscriber", s);
        m.put("feeds", app.subscribers().podcasts(s.id()));
        m.put("rssUrl", service.links().feed(s.id(), "rss"));
        m.put("atomUrl", service.links().feed(s.id(), "atom"));
        m.put("zones", zones(s.zone()));
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
        html(ctx, render("settings", m));
    }

    // ---- private feeds, admin ----

    private void privateFeed(Context ctx) throws StoreException {
        String file = ctx.pathParam("file");
        int dot = file.lastIndexOf('.');
        String kind = dot < 0 ? "" : file.substring(dot + 1);
        Tokens.Claim claim = tokens.verify(dot < 0 ? file : file.substring(0, dot), Tokens.Purpose.FEED)
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such feed."));
        Subscriber s = app.subscribers().find(claim.subscriberId())
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "No such feed."));
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
        switch (kind) {
            case "rss" -> ctx.contentType("application/rss+xml; charset=utf-8").result(feeds.rss(s, entries));
            case "atom" -> ctx.contentType("application/atom+xml; charset=utf-8").result(feeds.atom(s, entries));
            default -> throw new Refused(HttpStatus.NOT_FOUND, "No such feed.");
        }
    }

    private void admin(Context ctx) throws StoreException {
        Subscriber s = sessions.required(ctx);
        if (!service.settings().admins().contains(s.email())) {
            throw new Refused(HttpStatus.FORBIDDEN, "Only the addresses in PODSIFT_ADMIN_EMAILS may open this page.");
        }
        String next = "";
        for (var t : service.taskRows()) {
            if (t.task().equals("refresh-feeds") && t.next() != null) {
                next = t.next().toString();
            }
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", page(ctx, "Admin", null));
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
        html(ctx, render("admin", m));
    }

    // ---- helpers ----

    private Page page(Context ctx, String title, String notice) throws StoreException {
        Optional<Subscriber> s = sessions.current(ctx);
        return new Page(title, s.isPresent(), s.isPresent() && service.settings().admins().contains(s.get().email()),
                sessions.formToken(ctx), notice);
    }

    private String message(Context ctx, String heading, String body, String link, String label) {
        Page p;
        try {
            p = page(ctx, heading, null);
        } catch (StoreException e) {
            p = new Page(heading, false, false, sessions.formToken(ctx), null);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("page", p);
        m.put("heading", heading);
        m.put("body", body);
        m.put("linkUrl", link);
        m.put("linkLabel", label);
        return render("message", m);
    }

    private String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template + ".jte", params, out);
        return out.toString();
    }

    private static void html(Context ctx, String page) {
        ctx.contentType("text/html; charset=utf-8").result(page);
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



    private static List<String> zones(ZoneId current) {
        TreeSet<String> z = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                z.add(id);
            }
        }
        z.add("UTC");
        z.add(current.getId());
        return new ArrayList<>(z);
    }







    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

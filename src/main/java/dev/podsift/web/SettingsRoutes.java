package dev.podsift.web;

import dev.podsift.app.App;
import dev.podsift.feed.Opml;
import dev.podsift.net.FeedException;
import dev.podsift.service.Service;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings page and what it changes: topics and delivery time, the feeds followed (by URL, search, OPML or the
 * starter catalog), and new links.
 */
final class SettingsRoutes {
    private final App app;
    private final Service service;
    private final Sessions sessions;
    private final Pages pages;
    private final Following following;
    private final RateLimiter searches;

    SettingsRoutes(App app, Service service, Sessions sessions, Pages pages, Following following) {
        this.app = app;
        this.service = service;
        this.sessions = sessions;
        this.pages = pages;
        this.following = following;
        this.searches = new RateLimiter(30, Duration.ofMinutes(10), app.clock());
    }

    void register(io.javalin.config.RoutesConfig r) {
        r.post("/settings/unsubscribe", ctx -> {
            Subscriber s = sessions.required(ctx);
            app.subscribers().unsubscribe(s.id());
            sessions.clearCookie(ctx, Sessions.SESSION);
            Pages.html(ctx, pages.message(ctx, "Unsubscribed", "No more emails will be sent to " + s.email()
                    + ", and every sign-in has ended. Sign in any time to read your archive or to subscribe again.",
                    "/", "Home"));
        });
        r.get("/settings", ctx -> settingsPage(ctx, sessions.required(ctx), null, null));
        r.post("/settings/delete", ctx -> {
            Subscriber s = sessions.required(ctx);
            if (!"yes".equals(ctx.formParam("confirm"))) {
                settingsPage(ctx, s, null, "To delete your account, tick the box that says you mean it.");
                return;
            }
            app.subscribers().delete(s);
            sessions.clearCookie(ctx, Sessions.SESSION);
            Pages.html(ctx, pages.message(ctx, "Account deleted", "Everything kept for " + s.email() + " is gone: "
                    + "followed podcasts, votes, digests and sign-ins. No more emails will be sent.", "/", "Home"));
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
        r.post("/links/rotate", ctx -> {
            Subscriber s = app.subscribers().rotateLinks(sessions.required(ctx).id());
            settingsPage(ctx, s, "New links made: the vote and unsubscribe links in earlier emails and your old "
                    + "private feed addresses no longer work.", null);
        });
    }

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
            outlines = Opml.read(dev.podsift.net.FeedDecoder.decode(bytes, null), app.config().maxOpmlFeeds());
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
}

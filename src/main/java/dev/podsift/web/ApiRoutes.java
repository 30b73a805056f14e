package dev.podsift.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podsift.app.App;
import dev.podsift.auth.Links;
import dev.podsift.store.Delivery;
import dev.podsift.store.StoreException;
import dev.podsift.store.StoredPodcast;
import dev.podsift.store.Subscriber;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON API under {@code /api}: the same actions as the pages (me, feeds, settings, votes, search, digests) for
 * scripts, authenticated by a session token ({@code Authorization: Bearer}); writes never take the cookie alone.
 */
final class ApiRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final App app;
    private final Sessions sessions;
    private final Links links;
    private final Following following;
    private final ContentAccess access;

    ApiRoutes(App app, Sessions sessions, Links links, Following following, ContentAccess access) {
        this.app = app;
        this.sessions = sessions;
        this.links = links;
        this.following = following;
        this.access = access;
    }

    void register(io.javalin.config.RoutesConfig r) {
        // JSON API: the same actions as the pages, for scripts; reads take a session cookie or
        // Authorization: Bearer <session token>, writes the bearer token only
        r.get("/api/me", ctx -> ctx.json(me(sessions.required(ctx))));
        // everything kept about the reader, as a download (the settings page links here)
        r.get("/api/me/export", ctx -> {
            Subscriber s = sessions.required(ctx);
            ctx.header("Content-Disposition", "attachment; filename=\"podsift-export.json\"");
            ctx.json(new AccountData(app).export(s));
        });
        r.delete("/api/me", ctx -> {
            Subscriber s = sessions.required(ctx);
            app.subscribers().delete(s);
            ctx.status(HttpStatus.NO_CONTENT);
        });
        r.get("/api/feeds", ctx -> ctx.json(feedsJson(sessions.required(ctx))));
        r.post("/api/feeds", ctx -> {
            Subscriber s = sessions.required(ctx);
            String url = bodyField(ctx, "url");
            StoredPodcast p = following.follow(s, url);
            // accepted: the feed is read by the background workers; GET /api/feeds shows when and how it went
            ctx.status(p.lastCheckedAt() == null ? HttpStatus.ACCEPTED : HttpStatus.OK).json(feedJson(p));
        });
        r.delete("/api/feeds/{id}", ctx -> {
            Subscriber s = sessions.required(ctx);
            long id;
            try {
                id = Long.parseLong(ctx.pathParam("id"));
            } catch (NumberFormatException e) {
                throw new Refused(HttpStatus.NOT_FOUND, "No such feed among those you follow.");
            }
            boolean removed = app.subscribers().unfollow(s.id(), id);
            ctx.status(removed ? HttpStatus.NO_CONTENT : HttpStatus.NOT_FOUND);
        });
        r.put("/api/settings", ctx -> {
            Subscriber s = sessions.required(ctx);
            // a partial update: what the request does not name is kept
            String topics = given(ctx, "topics") ? bodyField(ctx, "topics") : s.topics();
            if (topics.length() > 500) {
                throw new Refused(HttpStatus.BAD_REQUEST, "Topics are limited to 500 characters.");
            }
            String time = bodyField(ctx, "delivery_time");
            String zone = bodyField(ctx, "time_zone");
            app.subscribers().updateSettings(s.id(), topics, time.isEmpty() ? s.deliveryTime() : Params.time(time),
                    zone.isEmpty() ? s.zone() : Params.zone(zone));
            ctx.json(me(app.subscribers().find(s.id()).orElseThrow()));
        });
        r.post("/api/votes", ctx -> {
            Subscriber s = sessions.required(ctx);
            long insight = access.delivered(s, bodyField(ctx, "insight_id")).id();
            String vote = bodyField(ctx, "vote");
            if (!vote.equals("1") && !vote.equals("-1")) {
                throw new Refused(HttpStatus.BAD_REQUEST, "vote must be 1 or -1");
            }
            String reason = given(ctx, "reason") ? bodyField(ctx, "reason") : null;
            app.subscribers().vote(s.id(), insight, Integer.parseInt(vote), VoteRoutes.reason(Integer.parseInt(vote),
                    reason));
            ctx.status(HttpStatus.NO_CONTENT);
        });
        r.get("/api/search", ctx -> {
            Subscriber s = sessions.required(ctx);
            String q = Optional.ofNullable(ctx.queryParam("q")).orElse("").strip();
            List<Map<String, Object>> out = new ArrayList<>();
            for (var i : q.isEmpty() ? List.<dev.podsift.store.StoredInsight>of()
                    : app.insights().searchDelivered(s.historyKey(), q.length() > 200 ? q.substring(0, 200) : q, 50)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("insight_id", i.id());
                m.put("text", i.insight().text());
                m.put("quote", i.insight().quote());
                m.put("podcast", i.episode().podcast());
                m.put("episode", i.episode().episode());
                m.put("start_seconds", i.insight().startSeconds());
                out.add(m);
            }
            ctx.json(out);
        });
        r.get("/api/digests", ctx -> {
            Subscriber s = sessions.required(ctx);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Delivery d : app.deliveries().recent(s.id(), 60)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("date", d.localDate().toString());
                m.put("state", d.state());
                m.put("subject", d.subject());
                if (d.digestId() != null) {
                    m.put("digest", app.digests().json(d.digestId()).map(this::readJson).orElse(null));
                }
                out.add(m);
            }
            ctx.json(out);
        });
    }

    private boolean given(Context ctx, String name) {
        String ct = Optional.ofNullable(ctx.contentType()).orElse("");
        if (ct.startsWith("application/json")) {
            return readJson(ctx.body()) instanceof Map<?, ?> m && m.containsKey(name);
        }
        return ctx.formParam(name) != null;
    }

    private String bodyField(Context ctx, String name) {
        String ct = Optional.ofNullable(ctx.contentType()).orElse("");
        if (ct.startsWith("application/json")) {
            Object v = readJson(ctx.body()) instanceof Map<?, ?> m ? m.get(name) : null;
            return v == null ? "" : v.toString().strip();
        }
        return Optional.ofNullable(ctx.formParam(name)).orElse("").strip();
    }

    private Object readJson(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (IOException e) {
            throw new Refused(HttpStatus.BAD_REQUEST, "The body is not valid JSON.");
        }
    }

    private Map<String, Object> me(Subscriber s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("email", s.email());
        m.put("status", s.status());
        m.put("topics", s.topics());
        m.put("delivery_time", s.deliveryTime().toString());
        m.put("time_zone", s.zone().getId());
        m.put("rss", links.feed(s.id(), s.linkKey(), "rss"));
        m.put("atom", links.feed(s.id(), s.linkKey(), "atom"));
        return m;
    }

    private List<Map<String, Object>> feedsJson(Subscriber s) throws StoreException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StoredPodcast p : app.subscribers().podcasts(s.id())) {
            out.add(feedJson(p));
        }
        return out;
    }

    private static Map<String, Object> feedJson(StoredPodcast p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("url", p.url());
        m.put("title", p.title());
        m.put("state", p.lastCheckedAt() == null ? "queued" : p.lastError() == null ? "read" : "failed");
        m.put("last_checked_at", p.lastCheckedAt() == null ? null : p.lastCheckedAt().toString());
        m.put("last_error", p.lastError());
        return m;
    }
}
